package org.examhall.server.archive;

import org.examhall.protocol.http.ApiError;

/** Errors of the class archive export. */
final class ArchiveErrors {

    static final ApiError SIGNING_KEY_MISSING = new ApiError(
            503,
            "ARCHIVE_SIGNING_KEY_MISSING",
            "未配置县应急管理局的 SM2 签名密钥，无法导出签名档案",
            "The bureau's SM2 signing key is not configured; signed archives cannot be exported");

    private ArchiveErrors() {}
}
