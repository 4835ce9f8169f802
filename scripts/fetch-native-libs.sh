#!/usr/bin/env bash
# Fetches the real TDLib and tonlib JSON libraries that tlgen-tdjson's tests and examples load:
# PyPI's `tdjson==1.8.61` manylinux wheel (libtdjson, built from the same commit as
# schema/tdlib/td_api.tl) and `pytonlib==0.0.72` (libtonlibjson), with the ordinary pip client
# (`pip download`: nothing is installed, nothing is built). Wheels are zip files; the `.so`
# files are unpacked with Python's own zipfile module into target/native/ (or $1):
#
#   target/native/libtdjson.so        <- tdjson.libs/libtdjson-*.so.1.8.61
#   target/native/libtonlibjson.so    <- pytonlib/distlib/linux/libtonlibjson.x86_64.so
#
# The last two lines printed are `TDJSON_PATH=…` and `TONLIBJSON_PATH=…` (absolute paths), the
# environment variables tlgen-tdjson reads. Idempotent: a library already unpacked is kept.
# Linux x86_64 only (the wheels named here are); elsewhere it fails with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/native}"
mkdir -p "$out/wheels"
out="$(cd "$out" && pwd)"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "fetch-native-libs: only Linux x86_64 wheels are fetched (this is $(uname -s)-$(uname -m))" >&2
    exit 1
fi

python=python3
command -v "$python" >/dev/null 2>&1 || python=python
pip=("$python" -m pip)

# unpack WHEEL MEMBER-GLOB DEST: the one member matching the glob, written to DEST.
unpack() {
    "$python" - "$1" "$2" "$3" <<'EOF'
import fnmatch, shutil, sys, zipfile
wheel, pattern, dest = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if fnmatch.fnmatch(n, pattern)]
    if len(names) != 1:
        sys.exit(f"fetch-native-libs: expected one {pattern} in {wheel}, found {names}")
    with z.open(names[0]) as src, open(dest + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
import os
os.replace(dest + ".part", dest)
print(f"fetch-native-libs: {names[0]} -> {dest}", file=sys.stderr)
EOF
}

if [ ! -s "$out/libtdjson.so" ]; then
    "${pip[@]}" download --no-deps --only-binary=:all: --platform manylinux2014_x86_64 \
        --python-version 3.11 tdjson==1.8.61 -d "$out/wheels" >&2
    unpack "$(ls "$out"/wheels/tdjson-1.8.61-*.whl | head -n 1)" \
        'tdjson.libs/libtdjson-*.so.1.8.61' "$out/libtdjson.so"
fi

if [ ! -s "$out/libtonlibjson.so" ]; then
    "${pip[@]}" download --no-deps pytonlib==0.0.72 -d "$out/wheels" >&2
    unpack "$(ls "$out"/wheels/pytonlib-0.0.72-*.whl | head -n 1)" \
        'pytonlib/distlib/linux/libtonlibjson.x86_64.so' "$out/libtonlibjson.so"
fi

# The wheel's libtdjson needs only system libraries (libstdc++, libm, libdl, libpthread, libc);
# auditwheel would have put anything else beside it in tdjson.libs/. Say so if that changes.
if command -v ldd >/dev/null 2>&1; then
    for lib in "$out/libtdjson.so" "$out/libtonlibjson.so"; do
        if ldd "$lib" | grep -q 'not found'; then
            echo "fetch-native-libs: $lib has unresolved dependencies:" >&2
            ldd "$lib" >&2
            exit 1
        fi
    done
fi

echo "TDJSON_PATH=$out/libtdjson.so"
echo "TONLIBJSON_PATH=$out/libtonlibjson.so"
