package dev.tollgate.core.model;

/**
 * Prompt and completion text, redacted and cut, present only when content capture is turned on
 * ({@code TOLLGATE_CAPTURE_CONTENT}).
 */
public record CapturedContent(String input, String output) {}
