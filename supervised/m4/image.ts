/**
 * Small single-channel images for the 2-D convolution and resampling gallery (section 10.4, M4.3):
 * a height x width grid of float64 values stored row by row, pixel (r, c) at data[r * width + c],
 * row 0 at the top.
 */

export interface Image2d {
  readonly height: number;
  readonly width: number;
  /** height * width values, row-major. */
  readonly data: Float64Array;
}

/** The largest side accepted: the gallery works on small images (and their dense matrices). */
export const MAX_IMAGE_SIDE = 256;

/** Checks an image's shape and values; `where` and `name` go into the message. */
export function checkImage(image: Image2d, where: string, name = 'image'): Image2d {
  if (typeof image !== 'object' || image === null) throw new Error(`${where}: ${name} must be { height, width, data }, got ${JSON.stringify(image)}`);
  const { height, width, data } = image;
  for (const [field, value] of [
    ['height', height],
    ['width', width],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1 && value <= MAX_IMAGE_SIDE)) throw new Error(`${where}: ${name}.${field} must be an integer in [1, ${MAX_IMAGE_SIDE}], got ${JSON.stringify(value)}`);
  }
  if (!(data instanceof Float64Array)) throw new Error(`${where}: ${name}.data must be a Float64Array`);
  if (data.length !== height * width) throw new Error(`${where}: ${name}.data has ${data.length} values, expected height x width = ${height * width}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${where}: ${name} pixel (${Math.floor(i / width)}, ${i % width}) is not finite (${data[i]})`);
  }
  return image;
}

/** An image from rows of numbers (all rows the same length). */
export function imageFromRows(rows: readonly (readonly number[])[]): Image2d {
  if (!Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0]) || rows[0].length === 0) throw new Error('image: rows must be a non-empty array of non-empty rows');
  const width = rows[0].length;
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== width) throw new Error(`image: row ${r} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${width}`);
    row.forEach((v, c) => {
      if (typeof v !== 'number') throw new Error(`image: row ${r} column ${c} must be a number, got ${JSON.stringify(v)}`);
      data[r * width + c] = v;
    });
  });
  return checkImage({ height: rows.length, width, data }, 'image');
}

/** The image's rows as plain nested arrays. */
export function imageToRows(image: Image2d): number[][] {
  return Array.from({ length: image.height }, (_, r) => Array.from(image.data.subarray(r * image.width, (r + 1) * image.width)));
}

/** An all-zero image. */
export function zeroImage(height: number, width: number): Image2d {
  return { height, width, data: new Float64Array(height * width) };
}
