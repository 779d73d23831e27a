"""The largest page of a Parquet column chunk, read from the page headers alone.

Arrow decompresses a whole page before handing out any of its values, and a page's size is
whatever its writer chose: a 49 KB file can hold a page that unpacks to 512 MiB. The page headers
(Thrift compact protocol, a few bytes each) state every page's unpacked size, so the reader can
refuse such a page before Arrow allocates it. Only chunks whose total unpacked size is over the
limit need this scan; most chunks are read without it.

Pure: bytes and offsets in, a number out; raises ValueError for headers it cannot parse.
"""

from __future__ import annotations

# Thrift compact protocol type codes.
_BOOL_TRUE, _BOOL_FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY = 1, 2, 3, 4, 5, 6, 7, 8
_LIST, _SET, _MAP, _STRUCT = 9, 10, 11, 12
# PageHeader fields: 2 uncompressed_page_size, 3 compressed_page_size (both i32).
_UNCOMPRESSED, _COMPRESSED = 2, 3
_MAX_NESTING = 32


class _Reader:
    def __init__(self, data: bytes, pos: int, end: int) -> None:
        self.data, self.pos, self.end = data, pos, end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise ValueError("Parquet page header runs past its column chunk")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 63:
                raise ValueError("Parquet page header holds an overlong integer")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def skip(self, kind: int, depth: int = 0) -> None:
        if depth > _MAX_NESTING:
            raise ValueError("Parquet page header nests too deeply")
        if kind in (_BOOL_TRUE, _BOOL_FALSE):
            return
        if kind == _BYTE:
            self.pos += 1
        elif kind in (_I16, _I32, _I64):
            self.varint()
        elif kind == _DOUBLE:
            self.pos += 8
        elif kind == _BINARY:
            length = self.varint()  # read before `pos` is: the varint moves it
            self.pos += length
        elif kind in (_LIST, _SET):
            head = self.byte()
            size = head >> 4 if head >> 4 != 15 else self.varint()
            for _ in range(size):
                self.element(head & 0x0F, depth + 1)
        elif kind == _MAP:
            size = self.varint()
            types = self.byte() if size else 0
            for _ in range(size):
                self.element(types >> 4, depth + 1)
                self.element(types & 0x0F, depth + 1)
        elif kind == _STRUCT:
            self.struct(depth + 1)
        else:
            raise ValueError(f"Parquet page header has an unknown field type {kind}")

    def element(self, kind: int, depth: int) -> None:
        """A list, set or map element: unlike a field, a boolean element takes a byte."""
        if kind in (_BOOL_TRUE, _BOOL_FALSE):
            self.pos += 1
        else:
            self.skip(kind, depth)

    def struct(self, depth: int = 0) -> dict[int, int]:
        """The struct's i32 fields by id (nested values skipped); reads up to its end."""
        fields: dict[int, int] = {}
        field_id = 0
        while True:
            head = self.byte()
            if head == 0:
                return fields
            kind, delta = head & 0x0F, head >> 4
            field_id = field_id + delta if delta else self.zigzag()
            if kind == _I32 and depth == 0:
                fields[field_id] = self.zigzag()
            else:
                self.skip(kind, depth)


def largest_page(data: bytes, start: int, total_compressed: int) -> int:
    """Largest unpacked page size of the column chunk at `data[start:start + total_compressed]`.

    Raises:
        ValueError: a header that cannot be parsed or does not fit in the chunk.
    """
    end = start + total_compressed
    if start < 0 or end > len(data):
        raise ValueError("Parquet column chunk lies outside the file")
    largest = 0
    pos = start
    while pos < end:
        reader = _Reader(data, pos, end)
        header = reader.struct()
        unpacked, packed = header.get(_UNCOMPRESSED, -1), header.get(_COMPRESSED, -1)
        if unpacked < 0 or packed < 0:
            raise ValueError("Parquet page header without its sizes")
        largest = max(largest, unpacked)
        pos = reader.pos + packed
    return largest


__all__ = ["largest_page"]
