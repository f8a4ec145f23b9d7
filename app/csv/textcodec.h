#pragma once
// The encodings mailing houses and spreadsheets exchange: UTF-8 (with or without a byte order mark)
// and Windows-1252. Qt 6 dropped its legacy codecs, and Windows-1252 is the one French office tools
// still write, so it is handled here (Qt Core only: the fuzz target builds this without the rest).

#include <QByteArray>
#include <QString>

#include <optional>

namespace Relais::Csv {

enum class Encoding { Utf8Bom, Utf8, Windows1252 };

QString encodingName(Encoding e); // "utf-8-bom", "utf-8", "windows-1252"
std::optional<Encoding> encodingFromName(const QString &name);

// Every byte maps to a character; the five bytes Windows-1252 leaves undefined map to the C1
// controls of the same value (what Windows itself does), which validation then refuses.
QString decodeWindows1252(const char *data, qsizetype size);

// Appends `text` in Windows-1252. Characters it cannot hold are transliterated (accents dropped,
// "ł" -> "l", otherwise "?"); returns how many characters were transliterated.
qsizetype appendWindows1252(QByteArray &out, QStringView text);

// UTF-8 to QString keeping a leading U+FEFF (QString::fromUtf8 drops one, which would eat a
// character from a field that starts with it).
QString decodeUtf8(const char *data, qsizetype size);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates). `complete` false lets a
// sequence be cut at the very end (a chunk of a longer stream).
bool isValidUtf8(const char *data, qsizetype size, bool complete = true);

// Where the first malformed UTF-8 sequence starts, or -1.
qsizetype firstInvalidUtf8(const char *data, qsizetype size);

// True when the bytes contain a well-formed multi-byte UTF-8 sequence (what "Ã©" looks like once
// UTF-8 text is read as Windows-1252): a sign that a Windows-1252 file has UTF-8 parts.
bool containsUtf8Sequence(const char *data, qsizetype size);

} // namespace Relais::Csv
