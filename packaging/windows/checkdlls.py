#!/usr/bin/env python3
"""Every DLL that a program or plugin of a Windows folder imports is in that folder or part of
Windows: what windeployqt would have made sure of. Usage: checkdlls.py FOLDER (exit 1 when one is
missing). Reads the import tables with MinGW's objdump."""
import pathlib
import subprocess
import sys

# DLLs that every Windows 10/11 has (Qt 6.4 for MinGW and its plugins import only these).
WINDOWS = {
    "advapi32", "authz", "bcrypt", "comctl32", "comdlg32", "crypt32", "d3d11", "d3d12", "d3d9",
    "dnsapi", "dwmapi", "dwrite", "d2d1", "dxgi", "gdi32", "imm32", "iphlpapi", "kernel32",
    "mpr", "msvcrt", "ncrypt", "netapi32", "normaliz", "ntdll", "ole32", "oleaut32", "rpcrt4",
    "secur32", "setupapi", "shcore", "shell32", "shlwapi", "user32", "userenv", "uxtheme",
    "version", "winmm", "winspool.drv", "wtsapi32", "ws2_32", "wininet", "cfgmgr32", "opengl32",
    "dbghelp", "propsys", "oleacc", "msimg32", "winhttp", "wintrust", "mswsock", "usp10", "hid",
    "ntdsapi", "wldap32", "dxva2", "d3dcompiler_47", "api-ms-win-core-synch-l1-2-0",
}


def imports(path):
    out = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if "DLL Name:" in line]


def main():
    folder = pathlib.Path(sys.argv[1])
    present = {p.name.lower() for p in folder.iterdir() if p.suffix.lower() == ".dll"}
    missing = []
    binaries = [p for p in folder.rglob("*") if p.suffix.lower() in (".exe", ".dll")]
    for binary in binaries:
        for dll in imports(binary):
            name = dll.lower()
            stem = name[:-4] if name.endswith(".dll") else name
            if name in present or stem in WINDOWS or name.startswith("api-ms-win-"):
                continue
            missing.append(f"{binary.relative_to(folder)} imports {dll}")
    for m in missing:
        print(f"checkdlls: {m}, which is neither in {folder} nor part of Windows", file=sys.stderr)
    print(f"checkdlls: {len(binaries)} programs and DLLs, {len(missing)} missing import(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
