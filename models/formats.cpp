#include "formats.h"

#include <QRegularExpression>

namespace Relais {

int printedLength(const QString &text)
{
    const QString nfc = text.trimmed().normalized(QString::NormalizationForm_C);
    int n = 0;
    for (QChar c : nfc)
        n += c.isLowSurrogate() ? 0 : 1;
    return n;
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString nowUtcIso()
{
    return isoUtc(QDateTime::currentDateTimeUtc());
}

QString shortDatePattern(const QLocale &locale, bool withTime)
{
    QString f = withTime ? locale.dateTimeFormat(QLocale::ShortFormat)
                         : locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression year(QStringLiteral("y+"));
    return f.replace(year, QStringLiteral("yyyy"));
}

QString shortDate(const QDate &date, const QLocale &locale)
{
    return date.isValid() ? locale.toString(date, shortDatePattern(locale)) : QString();
}

QString shortDateTime(const QDateTime &time, const QLocale &locale)
{
    return time.isValid() ? locale.toString(time, shortDatePattern(locale, true)) : QString();
}

void appendJsonString(QByteArray &out, QStringView s, JsonEscapes escapes)
{
    const QByteArray utf8 = s.toUtf8();
    appendJsonUtf8(out, utf8.constData(), utf8.size(), escapes);
}

void appendJsonUtf8(QByteArray &out, const char *utf8, qsizetype size, JsonEscapes escapes)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const char *p = utf8;
    const char *const end = p + size;
    // Runs of characters that need no escaping are copied at once (most text has none to escape).
    const char *run = p;
    for (; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b':
            if (escapes == JsonEscapes::Qt) {
                out += "\\b";
                continue;
            }
            break;
        case '\f':
            if (escapes == JsonEscapes::Qt) {
                out += "\\f";
                continue;
            }
            break;
        default: break;
        }
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    out.append(run, end - run);
    out += '"';
}

} // namespace Relais
