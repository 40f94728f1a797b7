package org.examhall.server.bank;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.io.DocxQuestionImporter;
import org.examhall.bank.io.ImportProblem;
import org.examhall.bank.io.JsonQuestionImporter;
import org.examhall.bank.io.ParsedBatch;
import org.examhall.bank.io.QtiItemImporter;
import org.examhall.bank.io.SpreadsheetQuestionImporter;

/** Reads an upload with the library's importer for its format. Blocking: call on a worker thread. */
final class ImportParser {

    private ImportParser() {}

    static ParsedBatch parse(ImportUpload upload, CategoryTree categories) {
        return switch (upload.format()) {
            case XLSX ->
                new SpreadsheetQuestionImporter(categories, upload.defaults())
                        .parse(new ByteArrayInputStream(upload.content()));
            case JSON ->
                new JsonQuestionImporter(categories, upload.defaults())
                        .parse(new ByteArrayInputStream(upload.content()));
            case DOCX ->
                new DocxQuestionImporter(categories, upload.defaults())
                        .parse(new ByteArrayInputStream(upload.content()));
            case QTI -> qti(upload, categories);
        };
    }

    private static ParsedBatch qti(ImportUpload upload, CategoryTree categories) {
        try {
            return new QtiItemImporter(categories, upload.qti())
                    .parse(QtiPackage.items(upload.fileName(), upload.content()));
        } catch (QtiPackage.Unreadable unreadable) {
            return new ParsedBatch(List.of(), List.of(new ImportProblem(0, "", unreadable.reason)), "itemBody", null);
        }
    }
}
