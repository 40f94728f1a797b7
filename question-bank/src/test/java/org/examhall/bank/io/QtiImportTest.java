package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;
import org.examhall.bank.question.TrueFalseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QtiImportTest {

    private static final QtiItemImporter IMPORTER = new QtiItemImporter(
            NationalCategories.load(), new QtiDefaults("ELEC-LV", 3, List.of("安全电压"), SourceLevel.PROVINCIAL));

    private static final String QTI21_SINGLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="lv-001"
                            title="安全电压" adaptive="false" timeDependent="false">
              <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                <correctResponse><value>B</value></correctResponse>
              </responseDeclaration>
              <itemBody>
                <p>在特别潮湿场所使用的手持行灯，<img src="img/lamp.png" alt=""/></p>
                <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
                  <prompt>其电压不应超过（　）。</prompt>
                  <simpleChoice identifier="A">6V</simpleChoice>
                  <simpleChoice identifier="B">12V</simpleChoice>
                  <simpleChoice identifier="C">24V</simpleChoice>
                  <simpleChoice identifier="D">36V</simpleChoice>
                </choiceInteraction>
              </itemBody>
            </assessmentItem>
            """;

    private static final String QTI30_MULTIPLE = """
            <qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="lv-002"
                                 title="安全电压" adaptive="false" time-dependent="false">
              <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
                <qti-correct-response><qti-value>C2</qti-value><qti-value>C3</qti-value></qti-correct-response>
              </qti-response-declaration>
              <qti-item-body>
                <qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="0">
                  <qti-prompt>下列属于安全电压额定值的有（　）。</qti-prompt>
                  <qti-simple-choice identifier="C1">48V</qti-simple-choice>
                  <qti-simple-choice identifier="C2">36V</qti-simple-choice>
                  <qti-simple-choice identifier="C3">12V</qti-simple-choice>
                  <qti-simple-choice identifier="C4" fixed="true">以上都不对</qti-simple-choice>
                </qti-choice-interaction>
              </qti-item-body>
            </qti-assessment-item>
            """;

    private static final String QTI21_TRUE_FALSE = """
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="lv-003">
              <responseDeclaration identifier="R" cardinality="single" baseType="identifier">
                <correctResponse><value>no</value></correctResponse>
              </responseDeclaration>
              <itemBody>
                <choiceInteraction responseIdentifier="R" shuffle="false" maxChoices="1">
                  <prompt>带电设备着火时可以用水扑救。</prompt>
                  <simpleChoice identifier="yes">对</simpleChoice>
                  <simpleChoice identifier="no">错</simpleChoice>
                </choiceInteraction>
              </itemBody>
            </assessmentItem>
            """;

    private static QtiSource source(String name, String xml) {
        return new QtiSource(name, xml.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_qti_2_1_single_choice_item_becomes_a_single_choice_question() {
        ParsedBatch batch = IMPORTER.parse(List.of(source("lv-001.xml", QTI21_SINGLE)));
        assertThat(batch.problems()).isEmpty();
        QuestionContent content = batch.rows().get(0).content();
        assertThat(content.type()).isEqualTo(QuestionType.SINGLE_CHOICE);
        assertThat(content.stem()).isEqualTo("在特别潮湿场所使用的手持行灯， 其电压不应超过（　）。");
        assertThat(content.imageRef()).isEqualTo("img/lamp.png");
        assertThat(content.options()).containsExactly("6V", "12V", "24V", "36V");
        assertThat(content.answer().letters()).isEqualTo("B");
        assertThat(content.fixedOptionOrder()).isFalse();
        assertThat(content.category()).isEqualTo("ELEC-LV");
        assertThat(content.sourceLevel()).isEqualTo(SourceLevel.PROVINCIAL);
    }

    @Test
    void a_qti_3_0_multiple_choice_item_with_a_pinned_choice_keeps_its_option_order() {
        ParsedBatch batch = IMPORTER.parse(List.of(source("lv-002.xml", QTI30_MULTIPLE)));
        assertThat(batch.problems()).isEmpty();
        QuestionContent content = batch.rows().get(0).content();
        assertThat(content.type()).isEqualTo(QuestionType.MULTIPLE_CHOICE);
        assertThat(content.stem()).isEqualTo("下列属于安全电压额定值的有（　）。");
        assertThat(content.answer().letters()).isEqualTo("BC");
        assertThat(content.fixedOptionOrder()).isTrue();
    }

    @Test
    void a_single_choice_between_right_and_wrong_becomes_a_true_false_question() {
        ParsedBatch batch = IMPORTER.parse(List.of(source("lv-003.xml", QTI21_TRUE_FALSE)));
        QuestionContent content = batch.rows().get(0).content();
        assertThat(content.type()).isEqualTo(QuestionType.TRUE_FALSE);
        assertThat(content.options()).isEqualTo(TrueFalseOptions.TEXTS);
        assertThat(content.answer()).isEqualTo(TrueFalseOptions.FALSE);
    }

    @Test
    void a_correct_response_naming_no_choice_is_reported_with_the_file_and_element() {
        String broken = QTI21_SINGLE.replace("<value>B</value>", "<value>Z</value>");
        ParsedBatch batch = IMPORTER.parse(List.of(source("ok.xml", QTI30_MULTIPLE), source("bad.xml", broken)));
        assertThat(batch.rows()).hasSize(1);
        assertThat(batch.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo("bad.xml correctResponse");
            assertThat(problem.reason().en()).isEqualTo("correct response Z is not one of the item's choices");
        });
    }

    @Test
    void an_item_with_a_doctype_is_refused_so_external_entities_cannot_read_files(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE assessmentItem [<!ENTITY xxe SYSTEM "%s">]>
                """.formatted(secret.toUri())
                + QTI21_SINGLE
                        .strip()
                        .substring(QTI21_SINGLE.strip().indexOf('\n') + 1)
                        .replace("<prompt>其电压不应超过（　）。</prompt>", "<prompt>&xxe;</prompt>");
        ParsedBatch batch = IMPORTER.parse(List.of(source("attack.xml", attack)));
        assertThat(batch.rows()).isEmpty();
        assertThat(batch.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.column()).isEqualTo("attack.xml assessmentItem");
            assertThat(problem.reason().en()).startsWith("XML cannot be parsed").doesNotContain("TOP-SECRET");
        });
    }

    @Test
    void items_that_are_not_single_choice_interactions_are_reported() {
        String text = """
                <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="t">
                  <responseDeclaration identifier="R" cardinality="single" baseType="string"/>
                  <itemBody><textEntryInteraction responseIdentifier="R"/></itemBody>
                </assessmentItem>
                """;
        ParsedBatch batch = IMPORTER.parse(List.of(source("text.xml", text)));
        assertThat(batch.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.column()).isEqualTo("text.xml choiceInteraction");
            assertThat(problem.reason().zh()).contains("只支持恰有一个 choiceInteraction");
        });
    }
}
