// What an uploaded image may be: the server refuses anything else (src/lib/uploads/check-image.ts),
// and the image field's hint says the same numbers.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_SIDE = 4096;

/** The image field's hint: the formats and the limits in words. */
export const uploadLimitsText = `PNG, JPEG or WebP, up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_UPLOAD_SIDE} px a side`;
