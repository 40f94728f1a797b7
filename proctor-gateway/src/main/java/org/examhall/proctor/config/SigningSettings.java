package org.examhall.proctor.config;

import java.nio.file.Path;

/**
 * The SM2 key pair that signs closed manifest hours. Outside demo mode both paths are required, so a
 * site never silently signs with a throw-away key.
 */
public record SigningSettings(Path privateKey, Path publicKey) {}
