package org.examhall.server.bank;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.io.QtiSource;

/**
 * The item files of a QTI upload: one item's XML, or a content package (zip) whose item files are
 * picked out by their root element; the manifest, tests and other resources are passed over.
 * Bounded, so that a small zip cannot unpack into more than the server will hold.
 */
final class QtiPackage {

    /** The upload cannot be read; the reason goes into the import report. */
    static final class Unreadable extends Exception {
        final transient LocalizedText reason;

        Unreadable(String zh, String en) {
            super(en, null, false, false);
            this.reason = new LocalizedText(zh, en);
        }
    }

    static final int MAX_ITEMS = 5_000;
    static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;

    private static final Pattern ROOT = Pattern.compile("<(?![?!])(?:[\\w.-]+:)?([\\w.-]+)");

    private QtiPackage() {}

    static List<QtiSource> items(String fileName, byte[] content) throws Unreadable {
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return unzip(content);
        }
        if (!isItem(content)) {
            throw new Unreadable(
                    "文件既不是 QTI 试题（assessmentItem）也不是 zip 内容包",
                    "the file is neither a QTI item (assessmentItem) nor a zip content package");
        }
        return List.of(new QtiSource(fileName.isEmpty() ? "item.xml" : fileName, content));
    }

    private static List<QtiSource> unzip(byte[] zip) throws Unreadable {
        List<QtiSource> items = new ArrayList<>();
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (entry.isDirectory()
                        || !lower.endsWith(".xml")
                        || lower.startsWith("__macosx/")
                        || lower.endsWith("imsmanifest.xml")) {
                    continue;
                }
                byte[] bytes = readBounded(in, MAX_UNPACKED_BYTES - unpacked);
                unpacked += bytes.length;
                if (isItem(bytes)) {
                    if (items.size() == MAX_ITEMS) {
                        throw new Unreadable(
                                "内容包中的试题超过 " + MAX_ITEMS + " 道，请分批导入",
                                "the package holds more than " + MAX_ITEMS + " items; import it in parts");
                    }
                    items.add(new QtiSource(name, bytes));
                }
            }
        } catch (IOException e) {
            throw new Unreadable("zip 内容包无法读取：" + e.getMessage(), "the zip package cannot be read: " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw new Unreadable("内容包中没有 QTI 试题（assessmentItem）", "the package holds no QTI item (assessmentItem)");
        }
        return items;
    }

    private static byte[] readBounded(InputStream in, long budget) throws IOException, Unreadable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > budget) {
                throw new Unreadable(
                        "内容包解压后超过 " + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB",
                        "the package unpacks to more than " + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB");
            }
        }
        return out.toByteArray();
    }

    /** Whether the document's root element is a QTI 2.x or 3.0 assessment item. */
    private static boolean isItem(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 8192), StandardCharsets.UTF_8);
        head = head.replaceAll("(?s)<!--.*?-->", "");
        Matcher root = ROOT.matcher(head);
        if (!root.find()) {
            return false;
        }
        String name = root.group(1).toLowerCase(Locale.ROOT);
        return name.equals("assessmentitem") || name.equals("qti-assessment-item");
    }
}
