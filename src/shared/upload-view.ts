// POST /api/uploads answers with this (201): the URL is what a file input of POST /api/generations takes.
export type UploadView = { id: string; url: string; contentType: string; width: number; height: number };
