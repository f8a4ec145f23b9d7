#!/usr/bin/env python3
"""Writes the bad-file corpus of tst_csvimport into bad/ (committed; re-run after editing).
Each file must be refused with the rule given in bad/expected.txt and leave the desk unchanged.
The 10 MB line is made by the test itself, to keep the repository small."""
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent / "bad"
HEADER = "numero;civilite;prenom;nom;adresse;code postal;ville"
GOOD = ";M.;Jean;Dupont;12 rue de la Paix;75002;PARIS"
GOOD2 = ";Mme;Anne;Leroy;3 place Bellecour;69002;LYON"

cases = []


def add(name, rule, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases.append((name, rule, data))


def rows(*lines, eol="\r\n"):
    return eol.join(lines) + eol


add("empty.csv", "file.empty", b"")
add("bom-only.csv", "file.empty", b"\xef\xbb\xbf")
add("header-only.csv", "file.no_rows", rows(HEADER))
add("header-then-blank-lines.csv", "file.no_rows", rows(HEADER, "", ";;;;;;", ""))
add("stray-quote.csv", "csv.stray_quote", rows(HEADER, ';M.;Jean;Du"pont;12 rue de la Paix;75002;PARIS'))
add("stray-quote-in-header.csv", "csv.stray_quote", rows('numero;civi"lite;prenom;nom;adresse;code postal;ville', GOOD))
add("unclosed-quote.csv", "csv.unclosed_quote", rows(HEADER, GOOD, ';M.;Paul;"Martin;1 rue de Rivoli;75001;PARIS'))
add("unclosed-quote-at-eof.csv", "csv.unclosed_quote", (rows(HEADER, GOOD) + ';M.;Paul;Martin;1 rue de Rivoli;75001;"PARIS').encode())
add("text-after-quote.csv", "csv.text_after_quote", rows(HEADER, ';M.;Jean;"Dupont" Jr;12 rue de la Paix;75002;PARIS'))
add("undoubled-quote.csv", "csv.text_after_quote", rows(HEADER, ';M.;Jean;"Dupont "le jeune"";12 rue de la Paix;75002;PARIS'))
add("too-few-columns.csv", "row.columns", rows(HEADER, GOOD, ";M.;Jean;Durand;12 rue de la Paix;75002"))
add("too-many-columns.csv", "row.columns", rows(HEADER, GOOD + ";extra"))
add("unquoted-newline.csv", "row.columns", rows(HEADER, ";M.;Jean;Dupont;12 rue\r\nde la Paix;75002;PARIS"))
add("quoted-newline-in-street.csv", "line.invalid_character", rows(HEADER, ';M.;Jean;Dupont;"12 rue\r\nde la Paix";75002;PARIS'))
add("quoted-newline-in-name.csv", "line.invalid_character", rows(HEADER, ';M.;Jean;"Du\npont";12 rue de la Paix;75002;PARIS'))
add("tab-in-field.csv", "line.invalid_character", rows(HEADER, ";M.;Jean;Dupont;12 rue\tde la Paix;75002;PARIS"))
random.seed(5)
add("binary-garbage.bin", "csv.binary", bytes(random.randrange(256) for _ in range(4096)) + b"\x00")
add("xlsx-renamed.csv", "csv.binary", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + bytes(200))
add("nul-in-middle.csv", "csv.binary", rows(HEADER, GOOD).encode() + b";M.;Paul;Mar\x00tin;1 rue de Rivoli;75001;PARIS\r\n")
add("utf16le-bom.csv", "encoding.utf16", b"\xff\xfe" + rows(HEADER, GOOD).encode("utf-16-le"))
add("utf16be-bom.csv", "encoding.utf16", b"\xfe\xff" + rows(HEADER, GOOD).encode("utf-16-be"))
add("utf16le-no-bom.csv", "csv.binary", rows(HEADER, GOOD).encode("utf-16-le"))
add("mixed-utf8-then-cp1252.csv", "encoding.mixed",
    rows(HEADER, ";Mme;Hélène;Dupont;12 rue de la Paix;75002;PARIS").encode("utf-8")
    + ";M.;Jérôme;Martin;1 rue de Rivoli;75001;PARIS\r\n".encode("cp1252"))
add("mixed-cp1252-then-utf8.csv", "encoding.mixed",
    rows(HEADER, ";Mme;Hélène;Dupont;12 rue de la Paix;75002;PARIS").encode("cp1252")
    + ";M.;Jérôme;Martin;1 rue de Rivoli;75001;PARIS\r\n".encode("utf-8"))
add("mixed-in-one-line.csv", "encoding.mixed",
    rows(HEADER).encode() + ";Mme;".encode() + "Hélène".encode("utf-8") + ";" .encode() + "Lefèvre".encode("cp1252") + b";12 rue de la Paix;75002;PARIS\r\n")
add("bom-then-cp1252.csv", "encoding.mixed", b"\xef\xbb\xbf" + rows(HEADER, ";M.;J\xe9r\xf4me;Martin;1 rue de Rivoli;75001;PARIS").encode("latin-1"))
add("overlong-utf8.csv", "encoding.mixed", rows(HEADER, ";Mme;Hélène;Dupont;12 rue de la Paix;75002;PARIS").encode() + b";M.;Jean;Du\xc0\xafpont;1 rue de Rivoli;75001;PARIS\r\n")
add("cp1252-undefined-byte.csv", "line.invalid_character", rows(HEADER).encode() + b";M.;Jean;Du\x81pont;12 rue de la Paix;75002;PARIS\r\n")
add("formula-hyperlink.csv", "cell.formula", rows(HEADER, ';M.;Jean;"=HYPERLINK(""http://evil.example"";""x"")";12 rue de la Paix;75002;PARIS'))
add("formula-dde-plus.csv", "cell.formula", rows(HEADER, ";M.;Jean;+cmd|' /C calc'!A0;12 rue de la Paix;75002;PARIS"))
add("formula-dde-minus.csv", "cell.formula", rows(HEADER, ";M.;Jean;-2+3+cmd|' /C calc'!A0;12 rue de la Paix;75002;PARIS"))
add("formula-at-sum.csv", "cell.formula", rows(HEADER, ";M.;Jean;@SUM(1+1)*cmd|' /C calc'!A0;12 rue de la Paix;75002;PARIS"))
add("formula-in-city.csv", "cell.formula", rows(HEADER, ";M.;Jean;Dupont;12 rue de la Paix;75002;=1+1"))
add("formula-in-street.csv", "cell.formula", rows(HEADER, ';M.;Jean;Dupont;"=CONCAT(""12 "";""rue"")";75002;PARIS'))
add("unknown-column.csv", "header.unknown", rows(HEADER + ";divers", GOOD + ";x"))
add("no-separator.csv", "header.unknown", rows("numero nom adresse ville", "1 Dupont 12 rue de la Paix PARIS"))
add("plain-text.csv", "header.unknown", rows("Lorem ipsum dolor sit amet", "consectetur adipiscing elit"))
add("html-page.csv", "header.unknown", rows("<html><body>", "<p>Not found</p>", "</body></html>"))
add("json-document.csv", "csv.stray_quote", '{"subscribers": [{"nom": "Dupont"}]}\n')
add("duplicate-header.csv", "header.duplicate", rows(HEADER + ";nom", GOOD + ";Durand"))
add("duplicate-header-languages.csv", "header.duplicate", rows("last_name;nom;adresse;code postal;ville", "Dupont;Durand;12 rue de la Paix;75002;PARIS"))
add("missing-name-column.csv", "header.missing", rows("adresse;code postal;ville", "12 rue de la Paix;75002;PARIS"))
add("missing-postal-code-column.csv", "header.missing", rows("nom;adresse;ville", "Dupont;12 rue de la Paix;PARIS"))
add("missing-street-column.csv", "header.missing", rows("nom;code postal;ville", "Dupont;75002;PARIS"))
add("separator-mismatch.csv", "row.columns", rows(HEADER, GOOD.replace(";", ",")))
add("comma-header-semicolon-rows.csv", "row.columns", rows(HEADER.replace(";", ","), GOOD))
add("postal-code-four-digits.csv", "postal_code.format", rows(HEADER, ";M.;Jean;Dupont;12 rue de Bourg;1000;BOURG EN BRESSE"))
add("postal-code-letters.csv", "postal_code.format", rows(HEADER, ";M.;Jean;Dupont;12 rue de la Paix;75OO2;PARIS"))
add("postal-code-unknown.csv", "postal_code.unknown", rows(HEADER, ";M.;Jean;Dupont;12 rue de la Paix;99999;NULLEPART"))
add("city-mismatch.csv", "city.mismatch", rows(HEADER, ";M.;Jean;Dupont;12 rue de la Paix;75002;LYON"))
add("street-39-characters.csv", "line.too_long", rows(HEADER, ";M.;Jean;Dupont;123456 rue des Trente-Deux Caracteres X;75002;PARIS"))
add("name-too-long.csv", "line.too_long", rows(HEADER, ";Mme;Marie-Christine-Bernadette;Dupont-Ybarnegaray;12 rue de la Paix;75002;PARIS"))
add("long-field.csv", "line.too_long", rows(HEADER, ";M.;Jean;" + "D" * 5000 + ";12 rue de la Paix;75002;PARIS"))
add("name-missing.csv", "name.required", rows(HEADER, ";;;;12 rue de la Paix;75002;PARIS"))
add("street-missing.csv", "street.required", rows(HEADER, ";M.;Jean;Dupont;   ;75002;PARIS"))
add("city-missing.csv", "city.required", rows(HEADER, ";M.;Jean;Dupont;12 rue de la Paix;75002;"))
add("bad-email.csv", "email.format", rows(HEADER + ";email", GOOD + ";jean.dupont@@example"))
add("bad-phone.csv", "phone.format", rows(HEADER + ";telephone", GOOD + ";06 12 34"))
add("number-not-a-number.csv", "number.format", rows(HEADER, "12a;M.;Jean;Dupont;12 rue de la Paix;75002;PARIS"))
add("number-negative.csv", "number.format", rows(HEADER, "-5;M.;Jean;Dupont;12 rue de la Paix;75002;PARIS"))
add("routeur-bad-l6.csv", "line6.format", rows("L1;L2;L3;L4;L5;L6;PAYS;EXEMPLAIRES;NUMERO_ABONNE;ID_ABONNEMENT",
                                             "M. Jean Dupont;;;12 RUE DE LA PAIX;;PARIS 75002;;1;17;x"))
add("foreign-without-city.csv", "city.required", rows(HEADER + ";pays", ";M.;Jan;Peeters;Rue de la Loi 16;1000;;Belgique"))
add("good-rows-then-one-bad.csv", "postal_code.format", rows(HEADER, GOOD, GOOD2, ";M.;Paul;Martin;1 rue de Rivoli;7500;PARIS"))
add("one-bad-among-many.csv", "city.mismatch",
    rows(HEADER, *[f";M.;Jean;Nom{i};{i} rue de la Paix;75002;PARIS" for i in range(1, 40)],
         ";M.;Paul;Martin;1 rue de Rivoli;75001;MARSEILLE", GOOD2))
add("lone-cr-stray-quote.csv", "csv.stray_quote", rows(HEADER, GOOD, ';M.;Paul;Ma"rtin;1 rue de Rivoli;75001;PARIS', eol="\r"))
add("mapping-unknown-in-english.csv", "header.unknown", rows("surname;street;zip;town;favourite colour", "Dupont;12 rue de la Paix;75002;PARIS;blue"))

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    with open(OUT / "expected.txt", "w", encoding="utf-8", newline="\n") as manifest:
        manifest.write("# file;rule the import must refuse it with (generated by make_bad_corpus.py)\n")
        for name, rule, data in cases:
            (OUT / name).write_bytes(data)
            manifest.write(f"{name};{rule}\n")
    print(f"{len(cases)} files in {OUT}")
