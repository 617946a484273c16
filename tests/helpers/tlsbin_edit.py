#!/usr/bin/env python3
"""Test helper: edits a tls-bin file and recomputes every record checksum, so that the damage is
visible only to readers that validate fields, not to the CRC. Usage: tlsbin_edit.py OP FILE
  nan-origin   first record (GLAS of a minima library): box origin x = NaN
  untab-last   last record: its last TAB byte becomes a space (a table row loses a cell)
  dup-last     the last record is appended a second time (a minimum id appears twice)
"""
import struct
import sys
import zlib

HEADER = 64


def records(data):
    off = HEADER
    while off < len(data):
        tag = data[off:off + 4]
        (length,) = struct.unpack_from("<Q", data, off + 8)
        payload = bytearray(data[off + 16:off + 16 + length])
        yield tag, bytearray(data[off + 4:off + 8]), payload
        off += 16 + length + 4


def encode(tag, flags, payload):
    head = bytes(tag) + bytes(flags) + struct.pack("<Q", len(payload))
    return head + bytes(payload) + struct.pack("<I", zlib.crc32(head + bytes(payload)) & 0xFFFFFFFF)


def main():
    op, path = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    recs = list(records(data))
    if op == "nan-origin":
        tag, flags, p = recs[0]
        (n,) = struct.unpack_from("<I", p, 0)
        struct.pack_into("<d", p, 4 + n + 8 + 8, float("nan"))
    elif op == "untab-last":
        p = recs[-1][2]
        k = p.rindex(b"\t")
        p[k] = ord(" ")
    elif op == "dup-last":
        recs.append(recs[-1])
    else:
        sys.exit("unknown op " + op)
    with open(path, "wb") as f:
        f.write(data[:HEADER])
        for tag, flags, p in recs:
            f.write(encode(tag, flags, p))


main()
