#pragma once
// Small forms the desk and the server both write, each in one place: the printed length of an
// address line, JSON string escapes, UTC timestamps. (New UUIDs: newUuid() in domain.h.)
// Qt Core only; in relais_domain, which every program links.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace Relais {

// What a printer will put on paper: trimmed, composed (a decomposed "é" is one character, not
// two), counted in code points so that characters outside the BMP do not count twice. The NF
// Z10-011 limit of 38 characters (Validation::MaxLineLength) is on this length.
int printedLength(const QString &text);

// A time as the desk and the server store and send it: UTC with milliseconds, fixed width
// ("2026-03-01T09:30:00.000Z"), so that times compare correctly as text in SQLite and PostgreSQL.
QString isoUtc(const QDateTime &t);
// isoUtc() of the current time.
QString nowUtcIso();

enum class JsonEscapes {
    // Quote, backslash, \n, \r and \t escaped by name, every other control character by its
    // code (backslash, u, four hex digits): the canonical form of the operation digests and
    // table checksums (protocol.h, checksum.h); it must never change.
    Canonical,
    // As QJsonDocument writes: \b and \f by name as well.
    Qt,
};

// `s` as a JSON string, quotes included, in UTF-8.
void appendJsonString(QByteArray &out, QStringView s, JsonEscapes escapes = JsonEscapes::Canonical);
// The same of text already in UTF-8 (SQLite's own text, say): every byte as it is but the escapes.
void appendJsonUtf8(QByteArray &out, const char *utf8, qsizetype size,
                    JsonEscapes escapes = JsonEscapes::Canonical);

} // namespace Relais
