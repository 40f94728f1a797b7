package org.examhall.server.institutions;

import org.examhall.protocol.crypto.Sm3;

/**
 * An uploaded proof file, typed by its first bytes (never by its name or the declared content
 * type): PDF ({@code %PDF-}), JPEG ({@code FF D8 FF}) or PNG (the 8-byte signature); at most 5 MB.
 */
record ProofFile(String fileName, String mediaType, byte[] content, String sm3) {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    static ProofFile of(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw InstitutionErrors.PROOF_EMPTY.exception();
        }
        if (content.length > MAX_BYTES) {
            throw InstitutionErrors.PROOF_TOO_LARGE.exception();
        }
        String type = startsWith(content, PDF)
                ? "application/pdf"
                : startsWith(content, JPEG) ? "image/jpeg" : startsWith(content, PNG) ? "image/png" : null;
        if (type == null) {
            throw InstitutionErrors.PROOF_TYPE.exception();
        }
        return new ProofFile(cleanName(fileName, type), type, content, Sm3.hex(content));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The base name without path or control characters, at most 120 characters; a default when none is left. */
    static String cleanName(String fileName, String mediaType) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}\"]", "")
                .trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "proof"
                    + switch (mediaType) {
                        case "application/pdf" -> ".pdf";
                        case "image/jpeg" -> ".jpg";
                        default -> ".png";
                    };
        }
        return name.length() > 120 ? name.substring(name.length() - 120) : name;
    }
}
