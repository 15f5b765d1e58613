// Errors of the upload store (reference sunstone-server.md §3.6; design.md: sanitised identifiers,
// :max_upload_file_size enforced, a full disk is a 507). Each message names the upload, the
// directory and what the client or the operator can do about it.
import { SunstoneError } from '../errors.js';

/** The file is larger than :max_upload_file_size. */
export class UploadTooLargeError extends SunstoneError {
  constructor(size: number, max: number) {
    super(
      'SUN_ERR_UPLOAD_TOO_LARGE',
      `The file is too large: ${size} bytes, and this server accepts at most ${max} bytes ` +
        '(:max_upload_file_size in sunstone-server.conf). Upload a smaller file, or ask the administrator to raise the limit.',
      { statusCode: 413 },
    );
    this.name = 'UploadTooLargeError';
  }
}

/** The file system holding :tmpdir is full (ENOSPC) or the user's quota is exhausted (EDQUOT). */
export class UploadDiskFullError extends SunstoneError {
  constructor(dir: string, cause: unknown) {
    super(
      'SUN_ERR_UPLOAD_DISK_FULL',
      `Not enough disk space in ${dir} to store the upload; the partial file was removed. ` +
        'Free space there, or point :tmpdir in sunstone-server.conf at a larger file system, then upload again.',
      { statusCode: 507, cause },
    );
    this.name = 'UploadDiskFullError';
  }
}

/** A chunk request whose resumable* fields are missing, inconsistent or disagree with its bytes. */
export class UploadBadChunkError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_UPLOAD_BAD_CHUNK', message, { statusCode: 400 });
    this.name = 'UploadBadChunkError';
  }
}

/** POST /upload names an upload whose chunks never arrived (or were removed). */
export class UploadNotFoundError extends SunstoneError {
  constructor(identifier: string, dir: string) {
    super(
      'SUN_ERR_UPLOAD_NOT_FOUND',
      `There is no upload ${JSON.stringify(identifier)} in ${dir}: send the file to POST /upload_chunk ` +
        'first (with this resumableIdentifier), then POST /upload with it as tempfile.',
      { statusCode: 400 },
    );
    this.name = 'UploadNotFoundError';
  }
}

/** POST /upload for an upload that still lacks some bytes (a chunk failed or was never sent). */
export class UploadIncompleteError extends SunstoneError {
  constructor(identifier: string, missingFrom: number, missingTo: number, total: number) {
    super(
      'SUN_ERR_UPLOAD_INCOMPLETE',
      `The upload ${JSON.stringify(identifier)} is incomplete: bytes ${missingFrom} to ${missingTo - 1} ` +
        `of ${total} never arrived. Send the missing chunks to POST /upload_chunk again, then retry.`,
      { statusCode: 409 },
    );
    this.name = 'UploadIncompleteError';
  }
}

/** Any other failure to write or read :tmpdir (permissions, a missing mount ...). */
export class UploadIoError extends SunstoneError {
  constructor(what: string, path: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      'SUN_ERR_UPLOAD_IO',
      `Can not ${what} the temporary image file ${path} (${why}); check that :tmpdir in ` +
        'sunstone-server.conf exists and is writable by the user sunstone-server runs as.',
      { statusCode: 500, cause },
    );
    this.name = 'UploadIoError';
  }
}

/** POST /upload without the tempfile field (Sunstone's message, kept word for word). */
export class UploadNoTempfileError extends SunstoneError {
  constructor() {
    super(
      'SUN_ERR_UPLOAD_NO_TEMPFILE',
      'There was a problem uploading the file, please check the permissions on the file',
      { statusCode: 500 },
    );
    this.name = 'UploadNoTempfileError';
  }
}
