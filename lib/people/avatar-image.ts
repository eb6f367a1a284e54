import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { SafeError } from "@/lib/errors";

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Stored square, large enough for a sharp 40px avatar at 4× density. */
export const AVATAR_SIZE = 256;
export const AVATAR_CONTENT_TYPE = "image/webp";

// Raster images browsers show as images only. Never SVG (a document that can carry script) or
// anything else, whatever the file's name or the uploader's declared type says.
const ACCEPTED_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);
// A small file can still decode to a huge bitmap (a "decompression bomb"): refuse past this.
const MAX_INPUT_PIXELS = 40_000_000;

const notAnImage = () => new SafeError("invalid_file_type", "Upload a PNG, JPEG, WebP or GIF image.");

/**
 * Checks an uploaded avatar from its bytes and makes the stored image: at most 2 MB in, the type
 * read from the content (file-type), then decoded and re-encoded by sharp to a 256×256 WebP
 * (cropped to a square from the centre, turned upright by its EXIF orientation, metadata such
 * as a photo's location dropped, an animated GIF's first frame).
 */
export async function prepareAvatarImage(upload: Blob): Promise<{ bytes: Buffer; contentType: string }> {
  if (upload.size === 0) throw new SafeError("invalid_input", "Choose an image to upload.", { path: "avatar" });
  if (upload.size > AVATAR_MAX_BYTES) throw new SafeError("payload_too_large", "That image is larger than 2 MB. Choose a smaller one.");
  const input = Buffer.from(await upload.arrayBuffer());
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !ACCEPTED_TYPES.has(detected.mime)) throw notAnImage();
  try {
    const bytes = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "centre" })
      .webp({ quality: 85 })
      .toBuffer();
    return { bytes, contentType: AVATAR_CONTENT_TYPE };
  } catch {
    // A truncated or corrupt file of an accepted type, or one too large to decode.
    throw new SafeError("invalid_file_type", "That image can't be read. Try another PNG, JPEG, WebP or GIF.");
  }
}
