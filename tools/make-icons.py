#!/usr/bin/env python3
"""Draws Noteworthy's toolbar icons (a blue speech bubble, a note, with a
white check mark) as PNGs at 16, 32, 48 and 128 px into extension/icons/.
A bubble rather than a plain square: beside the popup's switches, a checked
square read as one more checkbox.

Standard library only, 4x4 supersampled for smooth edges. The PNGs are
committed; run again only to change the design.
"""
import math
import os
import struct
import zlib

BG = (10, 102, 194)  # a LinkedIn-like blue, readable on light and dark toolbars
FG = (255, 255, 255)


def inside_bubble(x, y):
    # a rounded body and a tail at its lower left
    x0, y0, x1, y1, r = 0.04, 0.08, 0.96, 0.74, 0.2
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    if x0 <= x <= x1 and y0 <= y <= y1 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    # tail triangle (0.2, 0.7) - (0.2, 0.95) - (0.46, 0.7)
    return 0.2 <= x and 0.7 <= y <= 0.95 and (x - 0.2) / 0.26 + (y - 0.7) / 0.25 <= 1


def dist_to_segment(px, py, ax, ay, bx, by):
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))


def on_check(x, y, w):
    a, b, c = (0.28, 0.42), (0.44, 0.57), (0.73, 0.25)
    return dist_to_segment(x, y, *a, *b) <= w or dist_to_segment(x, y, *b, *c) <= w


def pixel(size, i, j, ss=4):
    cov_bg = cov_fg = 0
    width = 0.085 if size >= 32 else 0.11
    for si in range(ss):
        for sj in range(ss):
            x = (i + (si + 0.5) / ss) / size
            y = (j + (sj + 0.5) / ss) / size
            if inside_bubble(x, y):
                if on_check(x, y, width):
                    cov_fg += 1
                else:
                    cov_bg += 1
    n = ss * ss
    alpha = (cov_bg + cov_fg) / n
    if alpha == 0:
        return (0, 0, 0, 0)
    f = cov_fg / (cov_bg + cov_fg)
    rgb = tuple(round(BG[k] * (1 - f) + FG[k] * f) for k in range(3))
    return rgb + (round(alpha * 255),)


def png(size):
    rows = b''
    for j in range(size):
        rows += b'\x00' + b''.join(bytes(pixel(size, i, j)) for i in range(size))

    def chunk(kind, data):
        c = kind + data
        return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c) & 0xFFFFFFFF)

    ihdr = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')


if __name__ == '__main__':
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'extension', 'icons')
    os.makedirs(out, exist_ok=True)
    for size in (16, 32, 48, 128):
        with open(os.path.join(out, f'icon-{size}.png'), 'wb') as f:
            f.write(png(size))
