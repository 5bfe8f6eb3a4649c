// POST /api/uploads answers with this (201). `url` is app-relative on local disk (`/api/files/…`)
// and absolute on Vercel Blob, as outputs' URLs are; a file input of POST /api/generations takes
// it made absolute (against the app's origin).
export type UploadView = { id: string; url: string; contentType: string; width: number; height: number };
