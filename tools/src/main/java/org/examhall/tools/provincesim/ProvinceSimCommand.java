package org.examhall.tools.provincesim;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.cli.Command;
import org.examhall.server.pii.ResidentIdNumber;

/**
 * {@code ./examhall province-sim [--port 8099] [--host 127.0.0.1] [--data ./data/province-sim]
 * [--bureau-key ./data/keys/province-bureau-public.pem[,more.pem]]}: runs the simulator until stopped,
 * with a few registrations for the demo's 低压电工作业 (ELEC-LV) to pull.
 */
public final class ProvinceSimCommand implements Command {

    @Override
    public String name() {
        return "province-sim";
    }

    @Override
    public String usage() {
        return """
        province-sim          run the provincial exam platform simulator (receives signed result packages,
                              serves registrations; page at http://localhost:8099/):
                                [--port 8099] [--data ./data/province-sim] [--bureau-key PEM[,PEM]]
        """;
    }

    @Override
    public int run(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of(
                "port",
                "8099",
                "host",
                "127.0.0.1",
                "data",
                "./data/province-sim",
                "bureau-key",
                "./data/keys/province-bureau-public.pem"));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!options.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected one of --port, --host, --data, --bureau-key with a value, got: " + args[i]);
            }
            options.put(name, args[i + 1]);
        }
        List<Path> bureauKeys = Arrays.stream(options.get("bureau-key").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .toList();
        ProvinceSimulator simulator = ProvinceSimulator.start(new ProvinceSimulator.Options(
                options.get("host"),
                Integer.parseInt(options.get("port")),
                Path.of(options.get("data")).toAbsolutePath().normalize(),
                bureauKeys));
        seedDemoRegistrations(simulator);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "province-sim-shutdown"));
        System.out.println("\nprovince simulator is ready\n"
                + "  received packages: " + simulator.url() + "/\n"
                + "  deliveries:        POST " + simulator.url() + "/packages\n"
                + "  registrations:     GET  " + simulator.url() + "/registrations?operationItem=ELEC-LV&since=0\n"
                + "  behaviour:         POST " + simulator.url()
                + "/admin/behaviour {\"mode\": \"normal|fail|slow|duplicate|lose-receipt\", \"delayMs\": 3000}\n"
                + "  platform key:      "
                + Path.of(options.get("data")).toAbsolutePath().normalize().resolve("platform-public.pem") + "\n"
                + "  bureau keys:       " + bureauKeys + "\n"
                + "\nstop with Ctrl+C; received packages are kept in the data directory.\n");
        return KEEP_RUNNING;
    }

    private static void seedDemoRegistrations(ProvinceSimulator simulator) {
        String[][] people = {
            {"陈晓明", "32010619880415031", "演示安全培训学校"},
            {"刘洋", "32011319910923052", "演示安全培训学校"},
            {"周静", "32010419870208064", "演示职业技能培训中心"}
        };
        for (String[] p : people) {
            simulator.addRegistration(p[0], p[1] + ResidentIdNumber.checkCharacter(p[1]), "ELEC-LV", p[2]);
        }
    }
}
