#include "textcodec.h"

#include <QHash>

namespace Relais::Csv {

namespace {

// Windows-1252 bytes 0x80..0x9F; 0 where the code page defines nothing.
constexpr char16_t kHigh[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

const QHash<char16_t, char> &reverseHigh()
{
    static const QHash<char16_t, char> map = [] {
        QHash<char16_t, char> m;
        for (int i = 0; i < 32; ++i)
            if (kHigh[i])
                m.insert(kHigh[i], char(0x80 + i));
        return m;
    }();
    return map;
}

std::optional<char> encodeOne(char16_t c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        return char(c);
    const auto &m = reverseHigh();
    const auto it = m.constFind(c);
    if (it != m.constEnd())
        return *it;
    return std::nullopt;
}

// Letters whose base form has no Unicode decomposition.
char16_t strokeBase(char16_t c)
{
    switch (c) {
    case u'ł': return u'l';
    case u'Ł': return u'L';
    case u'đ': return u'd';
    case u'Đ': return u'D';
    case u'ı': return u'i';
    case u'ħ': return u'h';
    case u'Ħ': return u'H';
    case u'ŧ': return u't';
    case u'Ŧ': return u'T';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2212: return u'-';
    case 0x2032: return u'\'';
    case 0x202F:
    case 0x2007:
    case 0x2009:
    case 0x200A: return u' ';
    default: return 0;
    }
}

int sequenceLength(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

// Length of the well-formed sequence at p (1..4), 0 if malformed, -1 if cut short by the end.
int checkSequence(const unsigned char *p, qsizetype avail)
{
    const int n = sequenceLength(p[0]);
    if (n == 0)
        return 0;
    for (int i = 1; i < n; ++i) {
        if (i >= avail)
            return -1;
        unsigned char lo = 0x80, hi = 0xBF;
        if (i == 1) {
            if (p[0] == 0xE0)
                lo = 0xA0; // overlong
            else if (p[0] == 0xED)
                hi = 0x9F; // surrogates
            else if (p[0] == 0xF0)
                lo = 0x90;
            else if (p[0] == 0xF4)
                hi = 0x8F;
        }
        if (p[i] < lo || p[i] > hi)
            return 0;
    }
    return n;
}

} // namespace

QString encodingName(Encoding e)
{
    switch (e) {
    case Encoding::Utf8Bom: return QStringLiteral("utf-8-bom");
    case Encoding::Utf8: return QStringLiteral("utf-8");
    case Encoding::Windows1252: return QStringLiteral("windows-1252");
    }
    return {};
}

std::optional<Encoding> encodingFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"utf-8-bom" || n == u"utf8-bom" || n == u"utf-8-sig")
        return Encoding::Utf8Bom;
    if (n == u"utf-8" || n == u"utf8")
        return Encoding::Utf8;
    if (n == u"windows-1252" || n == u"cp1252" || n == u"win1252")
        return Encoding::Windows1252;
    return std::nullopt;
}

QString decodeWindows1252(const char *data, qsizetype size)
{
    QString out(size, Qt::Uninitialized);
    char16_t *d = reinterpret_cast<char16_t *>(out.data());
    for (qsizetype i = 0; i < size; ++i) {
        const unsigned char b = static_cast<unsigned char>(data[i]);
        if (b >= 0x80 && b < 0xA0)
            d[i] = kHigh[b - 0x80] ? kHigh[b - 0x80] : char16_t(b);
        else
            d[i] = b;
    }
    return out;
}

qsizetype appendWindows1252(QByteArray &out, QStringView text)
{
    qsizetype replaced = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            out += char(c);
            continue;
        }
        if (auto b = encodeOne(c)) {
            out += *b;
            continue;
        }
        ++replaced;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i; // one character outside the BMP, one replacement
            out += '?';
            continue;
        }
        if (char16_t base = strokeBase(c)) {
            out += char(base);
            continue;
        }
        // Accented letters the code page lacks ("ő", "ș"): the base letter, without its marks.
        const QString decomposed = QString(QChar(c)).normalized(QString::NormalizationForm_KD);
        bool any = false;
        for (QChar d : decomposed) {
            if (d.category() == QChar::Mark_NonSpacing
                || d.category() == QChar::Mark_SpacingCombining
                || d.category() == QChar::Mark_Enclosing)
                continue;
            if (auto b = encodeOne(d.unicode())) {
                out += *b;
                any = true;
            }
        }
        if (!any)
            out += '?';
    }
    return replaced;
}

QString decodeUtf8(const char *data, qsizetype size)
{
    QString out;
    while (size >= 3 && QByteArrayView(data, 3) == QByteArrayView("\xEF\xBB\xBF")) {
        out += QChar(0xFEFF);
        data += 3;
        size -= 3;
    }
    return out.isEmpty() ? QString::fromUtf8(data, size) : out + QString::fromUtf8(data, size);
}

bool isValidUtf8(const char *data, qsizetype size, bool complete)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    while (i < size) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int n = checkSequence(p + i, size - i);
        if (n < 0)
            return !complete;
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

qsizetype firstInvalidUtf8(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    while (i < size) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int n = checkSequence(p + i, size - i);
        if (n <= 0)
            return i;
        i += n;
    }
    return -1;
}

bool containsUtf8Sequence(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    for (qsizetype i = 0; i + 1 < size; ++i) {
        if (p[i] >= 0xC2 && checkSequence(p + i, size - i) > 1)
            return true;
    }
    return false;
}

} // namespace Relais::Csv
