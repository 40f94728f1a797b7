package org.examhall.bank.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Builds small Word documents for import tests, one paragraph a line. */
final class DocxFiles {

    private DocxFiles() {}

    static InputStream of(List<String> paragraphs) throws IOException {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : paragraphs) {
                document.createParagraph().createRun().setText(text);
            }
            document.write(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }
}
