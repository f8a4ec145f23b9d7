#pragma once
// Small forms the desk and the server both write, each in one place: the printed length of an
// address line, JSON string escapes, UTC timestamps, dates as a clerk reads them. (New UUIDs: newUuid() in domain.h.)
// Qt Core only; in relais_domain, which every program links.

#include <QByteArray>
#include <QDateTime>
#include <QLocale>
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

// The locale's short date (or date and time) pattern with a four-digit year: a clerk reads
// "02/08/2027", never "8/2/27" (English's short pattern has a two-digit year).
QString shortDatePattern(const QLocale &locale, bool withTime = false);
// A date, or a date and time (as it is, in its own time zone), shown in the locale's short
// form with a four-digit year; an invalid one as an empty string.
QString shortDate(const QDate &date, const QLocale &locale);
QString shortDateTime(const QDateTime &time, const QLocale &locale);

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
