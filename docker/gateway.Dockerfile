# examhall proctor-gateway image: camera ingest, the video archive, live view. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t examhall/proctor-gateway:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The poms and their dependencies first (see docker/Dockerfile), then the sources.
COPY pom.xml .
COPY question-bank/pom.xml question-bank/
COPY protocol/pom.xml protocol/
COPY exam-server/pom.xml exam-server/
COPY tools/pom.xml tools/
COPY proctor-gateway/pom.xml proctor-gateway/
COPY load-tests/pom.xml load-tests/
COPY deploy/pom.xml deploy/
RUN mvn -B -q -pl proctor-gateway -am dependency:go-offline
# exam-server is a test-scope dependency of the gateway, so Maven reads it (and question-bank) too.
COPY question-bank/src question-bank/src
COPY protocol/src protocol/src
COPY exam-server/src exam-server/src
COPY proctor-gateway/src proctor-gateway/src
RUN mvn -B -q -DskipTests -pl proctor-gateway -am package

FROM eclipse-temurin:17-jre
# The gateway records through the FFmpeg libraries in its jar; the ffmpeg and ffprobe commands are there for the
# operator, to try a camera's URL from inside the container (docs/deployment.md, "The proctor gateway").
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/examhall-gateway examhall \
    && mkdir -p /var/lib/examhall-gateway \
    && chown examhall /var/lib/examhall-gateway
COPY --from=build /src/proctor-gateway/target/examhall-gateway.jar /opt/examhall/examhall-gateway.jar
USER 10001
WORKDIR /var/lib/examhall-gateway
ENV EXAMHALL_GATEWAY_DATA_DIR=/var/lib/examhall-gateway
EXPOSE 8090
# FFmpeg's native libraries are unpacked under /tmp, so that the root file system can be read-only.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", \
  "-jar", "/opt/examhall/examhall-gateway.jar"]
CMD ["gateway"]
