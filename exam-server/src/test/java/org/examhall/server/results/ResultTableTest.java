package org.examhall.server.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;
import org.examhall.server.site.SiteClock;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private final ResultTable table = new ResultTable(new SiteClock(ZoneId.of("Asia/Shanghai")));

    @Test
    void theCsvShowsReadableValuesWithTheirCodesBesideThemAndTimesInTheSiteZone() {
        JsonArray rows = new JsonArray()
                .add(new JsonObject()
                        .put("seatNo", 3)
                        .put("ticketNo", "T-3")
                        .put("fullName", "张伟")
                        .put("idNumberMasked", "1101**********123X")
                        .put("status", "SUBMITTED")
                        .put("doubtful", false)
                        .put("score", 92.0)
                        .put("passed", true)
                        .put("submittedAt", "2026-12-05T06:30:05Z")
                        .put("submitReason", "DEADLINE")
                        .put("incidents", 1))
                .add(new JsonObject()
                        .put("ticketNo", "T-9")
                        .put("fullName", "李明")
                        .put("idNumberMasked", "1101**********0011")
                        .put("status", "REGISTERED")
                        .put("doubtful", false)
                        .put("incidents", 0));

        List<String> lines = List.of(table.csv(rows).split("\r\n"));

        assertThat(lines.get(0)).isEqualTo("\uFEFF座位号,准考证号,姓名,身份证号,状态,状态代码,存疑,成绩,是否合格,交卷时间,交卷方式,交卷方式代码,异常记录数");
        // 06:30:05 UTC is 14:30:05 in Shanghai.
        assertThat(lines.get(1))
                .isEqualTo("3,T-3,张伟,1101**********123X,已交卷,SUBMITTED,否,92.0,合格,2026-12-05 14:30:05,到时自动交卷,DEADLINE,1");
        assertThat(lines.get(2)).isEqualTo(",T-9,李明,1101**********0011,未到场,REGISTERED,否,,,,,,0");
    }

    @Test
    void aCodeWithoutANameYetIsShownAsItselfRatherThanLeftBlank() {
        JsonArray rows = new JsonArray()
                .add(new JsonObject().put("status", "SOMETHING_NEW").put("submitReason", "ELSEWHERE"));

        assertThat(table.csv(rows).split("\r\n")[1])
                .contains("SOMETHING_NEW,SOMETHING_NEW")
                .contains("ELSEWHERE,ELSEWHERE");
    }

    @Test
    void namesThatLookLikeFormulasOrHoldLineBreaksStayTextInTheirOwnCell() {
        JsonArray rows = new JsonArray()
                .add(new JsonObject()
                        .put("fullName", "=HYPERLINK(\"http://evil.example\",\"点我\")")
                        .put("ticketNo", "+1")
                        .put("score", -3))
                .add(new JsonObject()
                        .put("fullName", "@SUM(A1)\r\n9,伪造,一行\n再一行")
                        .put("ticketNo", "-2")
                        .put("idNumberMasked", "\tX"));

        String csv = table.csv(rows);
        List<String> lines = List.of(csv.split("\r\n(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(",'+1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",");
        assertThat(lines.get(1)).contains(",-3,");
        assertThat(lines.get(2)).startsWith(",'-2,\"'@SUM(A1)\r\n9,伪造,一行\n再一行\",'\tX,");
    }
}
