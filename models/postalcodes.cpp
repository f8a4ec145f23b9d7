#include "postalcodes.h"

#include "validation.h"

#include <QByteArrayView>
#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

namespace Relais {

Q_LOGGING_CATEGORY(lcPostal, "relais.postalcodes")

namespace {

// Splits one line on `;` without allocating; the shipped file has no quoted fields.
int splitFields(QByteArrayView line, QByteArrayView *out, int max)
{
    int n = 0;
    qsizetype start = 0;
    while (n < max) {
        const qsizetype sep = line.indexOf(';', start);
        if (sep < 0) {
            out[n++] = line.sliced(start);
            break;
        }
        out[n++] = line.sliced(start, sep - start);
        start = sep + 1;
    }
    return n;
}

bool isFiveDigits(QByteArrayView v)
{
    if (v.size() != 5)
        return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Words that La Poste abbreviates on the last line but clerks type in full, or the other way round.
QString canonicalWord(const QString &word)
{
    if (word == u"ST")
        return QStringLiteral("SAINT");
    if (word == u"STE")
        return QStringLiteral("SAINTE");
    return word;
}

} // namespace

// The comparison key for towns: folded, with ST/STE read as SAINT/SAINTE.
static QString townKey(const QString &text)
{
    const QString folded = Validation::foldForPostal(text);
    if (!folded.contains(u"ST"))
        return folded;
    QStringList words = folded.split(u' ');
    for (QString &w : words)
        w = canonicalWord(w);
    return words.join(u' ');
}

// The spellings a clerk may use for one commune, as town keys. Besides the name and the routing
// label: Paris, Lyon and Marseille arrondissements are addressed with the bare city name (or
// "PARIS 16"), and a few labels carry their own postal code ("SAINT CHAFFREY 05330").
static QStringList acceptedKeys(const Commune &c)
{
    QStringList keys;
    const QString name = townKey(c.name);
    const QString label = townKey(c.routingLabel);
    keys << name;
    if (label != name)
        keys << label;

    const QString codeSuffix = u' ' + c.postalCode;
    if (label.endsWith(codeSuffix))
        keys << label.chopped(codeSuffix.size());

    static const QString arrondissement = QStringLiteral(" ARRONDISSEMENT");
    if (name.endsWith(arrondissement)) {
        // "PARIS 16E ARRONDISSEMENT" -> "PARIS", "PARIS 16"
        const QStringList words = name.chopped(arrondissement.size()).split(u' ');
        if (words.size() >= 2) {
            const QString city = words.mid(0, words.size() - 1).join(u' ');
            QString number = words.constLast();
            while (!number.isEmpty() && !number.back().isDigit())
                number.chop(1);
            keys << city;
            if (!number.isEmpty())
                keys << city + u' ' + number;
        }
    }
    return keys;
}

const PostalCodeDirectory &PostalCodeDirectory::instance()
{
    // A function-local static is initialised once even when several threads ask at the same time.
    static const PostalCodeDirectory directory = [] {
        QFile file(QStringLiteral(":/data/postal-codes-fr.csv"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcPostal) << "cannot open the postal code resource:" << file.errorString();
            return PostalCodeDirectory{};
        }
        return fromCsv(file.readAll());
    }();
    return directory;
}

PostalCodeDirectory PostalCodeDirectory::fromCsv(const QByteArray &csv)
{
    PostalCodeDirectory d;
    d.m_byCode.reserve(8192);

    QByteArrayView rest(csv);
    bool header = true;
    QByteArrayView fields[5];
    while (!rest.isEmpty()) {
        qsizetype eol = rest.indexOf('\n');
        QByteArrayView line = eol < 0 ? rest : rest.first(eol);
        rest = eol < 0 ? QByteArrayView() : rest.sliced(eol + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (header) {
            header = false;
            if (line.startsWith("\xEF\xBB\xBF"))
                line = line.sliced(3);
            if (line.startsWith("postal_code;"))
                continue;
            // No header: the first line is data like any other.
        }
        if (line.trimmed().isEmpty())
            continue;
        const int n = splitFields(line, fields, 5);
        if (n < 4 || !isFiveDigits(fields[0].trimmed()) || fields[2].trimmed().isEmpty())
            continue;

        const QString code = QString::fromLatin1(fields[0].trimmed());
        auto it = d.m_byCode.find(code);
        if (it == d.m_byCode.end())
            it = d.m_byCode.insert(code, {});
        Commune c;
        c.postalCode = it.key(); // shares one string between the communes of a code
        c.inseeCode = QString::fromLatin1(fields[1].trimmed()); // "2A004": always ASCII
        c.name = QString::fromUtf8(fields[2].trimmed());
        c.routingLabel = QString::fromUtf8(fields[3].trimmed());
        it->append(std::move(c));
        ++d.m_count;
    }

    d.m_sortedCodes = d.m_byCode.keys();
    d.m_sortedCodes.sort();
    d.m_keysByCode.reserve(d.m_byCode.size());
    for (auto code = d.m_byCode.cbegin(); code != d.m_byCode.cend(); ++code) {
        QHash<QString, qsizetype> &keys = d.m_keysByCode[code.key()];
        for (qsizetype i = 0; i < code->size(); ++i)
            for (const QString &k : acceptedKeys(code->at(i)))
                keys.insert(k, qMin(i, keys.value(k, i))); // the first commune wins, as before
    }
    return d;
}

bool PostalCodeDirectory::isKnown(const QString &postalCode) const
{
    return m_byCode.contains(postalCode.trimmed());
}

QList<Commune> PostalCodeDirectory::communesFor(const QString &postalCode) const
{
    return m_byCode.value(postalCode.trimmed());
}

std::optional<Commune> PostalCodeDirectory::match(const QString &postalCode,
                                                  const QString &city) const
{
    const auto it = m_byCode.constFind(postalCode.trimmed());
    if (it == m_byCode.constEnd())
        return std::nullopt;
    const QString key = townKey(city);
    if (key.isEmpty())
        return std::nullopt;
    const auto keys = m_keysByCode.constFind(postalCode.trimmed());
    if (keys == m_keysByCode.cend())
        return std::nullopt;
    const auto found = keys->constFind(key);
    if (found == keys->cend())
        return std::nullopt;
    return it->at(*found);
}

QList<Commune> PostalCodeDirectory::matchAll(const QString &postalCode, const QString &city) const
{
    QList<Commune> out;
    const QString key = townKey(city);
    if (key.isEmpty())
        return out;
    for (const Commune &c : m_byCode.value(postalCode.trimmed()))
        if (acceptedKeys(c).contains(key))
            out << c;
    return out;
}

QStringList PostalCodeDirectory::codesStartingWith(const QString &prefix, int limit) const
{
    QStringList out;
    if (limit <= 0)
        return out;
    const QString p = prefix.trimmed();
    auto it = std::lower_bound(m_sortedCodes.cbegin(), m_sortedCodes.cend(), p);
    for (; it != m_sortedCodes.cend() && it->startsWith(p) && out.size() < limit; ++it)
        out << *it;
    return out;
}

} // namespace Relais
