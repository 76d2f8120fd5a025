"""A page gzipped around a fragment compressed earlier reads back exactly, in any
gzip reader, and is about as small as the page compressed whole."""

import gzip
import pickle
import zlib

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from mstracker import gzip_splice


@given(head=st.text(), middle=st.text(), tail=st.text())
def test_head_fragment_and_tail_read_back_as_one(head, middle, tail):
    piece = gzip_splice.fragment(middle)
    packed = gzip_splice.gzip_around(head.encode(), piece, tail.encode())
    assert gzip.decompress(packed) == (head + middle + tail).encode()  # checks CRC and size
    assert zlib.decompress(packed, wbits=31) == (head + middle + tail).encode()


def test_as_small_as_compressing_the_page_whole():
    rows = "".join(
        f"<tr><td>2024-01-{d % 28 + 1:02}</td><td>{d % 11}</td></tr>" for d in range(5000)
    )
    head, tail = b"<html><body>" * 50, b"</body></html>" * 50
    spliced = gzip_splice.gzip_around(head, gzip_splice.fragment(rows), tail)
    whole = gzip.compress(head + rows.encode() + tail, compresslevel=6)
    assert len(spliced) <= len(whole) * 1.02 + 200


def test_the_header_names_a_file_of_random_length():
    piece = gzip_splice.fragment("x" * 1000)
    sizes = {len(gzip_splice.gzip_around(b"<a>", piece, b"</a>")) for _ in range(50)}
    assert len(sizes) > 5


def respond(accept_encoding):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept_encoding)
    response = HttpResponse(f"<main>{gzip_splice.PLACEHOLDER}</main>")
    return gzip_splice.splice(request, response, gzip_splice.fragment("<p>body é</p>"))


def test_a_client_that_accepts_gzip_gets_gzip():
    response = respond("br, gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert int(response["Content-Length"]) == len(response.content)
    assert gzip.decompress(response.content).decode() == "<main><p>body é</p></main>"


@pytest.mark.parametrize("accept_encoding", ["", "identity", "br"])
def test_any_other_client_gets_the_page_as_it_is(accept_encoding):
    response = respond(accept_encoding)
    assert not response.has_header("Content-Encoding")
    assert response.content.decode() == "<main><p>body é</p></main>"
    assert int(response["Content-Length"]) == len(response.content)


def test_the_cached_fragment_keeps_only_the_compressed_bytes():
    html = "".join(f"<tr><td>{d}</td><td>{d % 11}</td></tr>" for d in range(20000))
    piece = gzip_splice.fragment(html)
    assert len(pickle.dumps(piece)) < len(html) / 4
    assert piece.data == html.encode()
