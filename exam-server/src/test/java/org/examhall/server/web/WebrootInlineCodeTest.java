package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No page holds code the Content-Security-Policy (script-src 'self'; style-src 'self') would block:
 * no script body, no event handler attribute, no style attribute or element. Read from the sources,
 * so a page no browser test visits is covered too; ContentSecurityPolicyBrowserTest shows the pages
 * work under the policy.
 */
class WebrootInlineCodeTest {

    private static final List<Path> ROOTS =
            List.of(Path.of("src/main/resources/webroot"), Path.of("src/test/resources/webroot"));
    private static final Pattern SCRIPT =
            Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URL =
            Pattern.compile("=\\s*[\"']?\\s*javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void noPageHoldsInlineScriptOrStyle() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (Path root : ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".html")).forEach(pages::add);
                }
            }
        }
        assertThat(pages).as("pages found").hasSizeGreaterThanOrEqualTo(11);
        List<String> found = new ArrayList<>();
        for (Path page : pages) {
            String html = Files.readString(page);
            Matcher script = SCRIPT.matcher(html);
            while (script.find()) {
                if (!script.group(2).isBlank() || !script.group(1).toLowerCase().contains("src=")) {
                    found.add(page + ": inline <script>");
                }
            }
            if (HANDLER.matcher(html).find()) {
                found.add(page + ": event handler attribute");
            }
            if (STYLE_ATTRIBUTE.matcher(html).find()) {
                found.add(page + ": style attribute");
            }
            if (STYLE_ELEMENT.matcher(html).find()) {
                found.add(page + ": <style> element");
            }
            if (JAVASCRIPT_URL.matcher(html).find()) {
                found.add(page + ": javascript: URL");
            }
        }
        assertThat(found).isEmpty();
    }
}
