#include "streetabbreviations.h"

#include "postalfold.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace Relais::Csv {

namespace {

QByteArray readResource(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QStringList &articles()
{
    static const QStringList list = {QStringLiteral("LE"),  QStringLiteral("LA"),
                                     QStringLiteral("LES"), QStringLiteral("DE"),
                                     QStringLiteral("DU"),  QStringLiteral("DES"),
                                     QStringLiteral("D"),   QStringLiteral("L")};
    return list;
}

int joinedLength(const QStringList &words)
{
    int n = words.isEmpty() ? 0 : int(words.size()) - 1;
    for (const QString &w : words)
        n += int(w.size());
    return n;
}

bool matchesAt(const QStringList &words, qsizetype at, const QStringList &phrase)
{
    if (at + phrase.size() > words.size())
        return false;
    for (qsizetype k = 0; k < phrase.size(); ++k)
        if (words.at(at + k) != phrase.at(k))
            return false;
    return true;
}

} // namespace

const StreetAbbreviations &StreetAbbreviations::instance()
{
    static const StreetAbbreviations
        data = fromData(readResource(QStringLiteral(":/data/street-abbreviations-fr.csv")),
                        readResource(QStringLiteral(":/demo/first-names-m.txt")) + '\n'
                            + readResource(QStringLiteral(":/demo/first-names-f.txt")));
    return data;
}

StreetAbbreviations StreetAbbreviations::fromData(const QByteArray &csv,
                                                  const QByteArray &firstNames)
{
    StreetAbbreviations a;
    const QList<QByteArray> lines = csv.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines.at(i).trimmed().split(';');
        if (f.size() < 3)
            continue;
        const QString kind = QString::fromUtf8(f.at(0)).trimmed();
        Entry e{Validation::foldForPostal(QString::fromUtf8(f.at(1)))
                    .split(u' ', Qt::SkipEmptyParts),
                Validation::foldForPostal(QString::fromUtf8(f.at(2)))};
        if (e.words.isEmpty() || e.abbreviation.isEmpty())
            continue;
        if (kind == u"street_type")
            a.m_streetTypes << e;
        else if (kind == u"title"
                 && (e.words == QStringList{QStringLiteral("SAINT")}
                     || e.words == QStringList{QStringLiteral("SAINTE")}))
            a.m_saints << e; // a step of its own, after common words
        else if (kind == u"title")
            a.m_titles << e;
        else if (kind == u"word")
            a.m_words << e;
    }
    for (QList<Entry> *list : {&a.m_streetTypes, &a.m_titles, &a.m_words, &a.m_saints})
        std::stable_sort(list->begin(), list->end(), [](const Entry &x, const Entry &y) {
            return x.words.size() > y.words.size();
        });
    for (const QByteArray &name : firstNames.split('\n')) {
        const QString folded = Validation::foldForPostal(QString::fromUtf8(name));
        // "Jean-Marie" folds to two names, each of which is a first name on its own.
        for (const QString &part : folded.split(u' ', Qt::SkipEmptyParts))
            if (part.size() > 1)
                a.m_firstNames.insert(part);
    }
    return a;
}

bool StreetAbbreviations::shorten(const QString &number, QStringList &words, int maxLabel) const
{
    auto fits = [&] {
        const int label = joinedLength(words);
        const int line = number.isEmpty() ? label : int(number.size()) + 1 + label;
        return label <= maxLabel && line <= MaxLine;
    };
    if (fits())
        return true;
    // 1. The street type, at the start of the label only.
    for (const Entry &e : m_streetTypes) {
        if (matchesAt(words, 0, e.words)) {
            words.erase(words.begin(), words.begin() + e.words.size());
            words.prepend(e.abbreviation);
            break;
        }
    }
    if (fits())
        return true;
    // 2-5. One replacement at a time, left to right, stopping as soon as the line fits.
    const qsizetype firstAfterType = 1;
    auto replaceEach = [&](const QList<Entry> &entries) {
        for (qsizetype i = firstAfterType; i < words.size(); ++i) {
            for (const Entry &e : entries) {
                if (matchesAt(words, i, e.words)) {
                    words.erase(words.begin() + i, words.begin() + i + e.words.size());
                    words.insert(i, e.abbreviation);
                    break;
                }
            }
            if (fits())
                return true;
        }
        return false;
    };
    if (replaceEach(m_titles))
        return true;
    // First names become initials; the last word is the name itself and stays whole.
    for (qsizetype i = firstAfterType; i + 1 < words.size(); ++i) {
        if (m_firstNames.contains(words.at(i))) {
            words[i] = words.at(i).left(1);
            if (fits())
                return true;
        }
    }
    if (replaceEach(m_words) || replaceEach(m_saints))
        return true;
    // 6. Articles go, one at a time; never the last word.
    for (qsizetype i = firstAfterType; i + 1 < words.size();) {
        if (articles().contains(words.at(i))) {
            words.removeAt(i);
            if (fits())
                return true;
            continue;
        }
        ++i;
    }
    return fits();
}

StreetAbbreviations::Result StreetAbbreviations::formatStreetLine(const QString &line) const
{
    const QString folded = foldPostal(line);
    // The house number and its repetition index stay in front, untouched.
    static const QRegularExpression numberRe(
        QStringLiteral("^([0-9]+[A-Z]?(?: (?:BIS|TER|QUATER|QUINQUIES))?) (.+)$"));
    QString number;
    QString label = folded;
    if (const auto m = numberRe.match(folded); m.hasMatch()) {
        number = m.captured(1);
        label = m.captured(2);
    }
    Result r;
    r.text = folded;
    if (label.size() <= MaxLabel && folded.size() <= MaxLine)
        return r;
    QStringList words = label.split(u' ', Qt::SkipEmptyParts);
    r.fits = shorten(number, words, MaxLabel);
    const QString shortLabel = words.join(u' ');
    r.text = number.isEmpty() ? shortLabel : number + u' ' + shortLabel;
    r.abbreviated = r.text != folded;
    r.fits = r.text.size() <= MaxLine;
    return r;
}

StreetAbbreviations::Result StreetAbbreviations::formatPlainLine(const QString &line) const
{
    const QString folded = foldPostal(line);
    Result r;
    r.text = folded;
    if (folded.size() <= MaxLine)
        return r;
    QStringList words = folded.split(u' ', Qt::SkipEmptyParts);
    shorten(QString(), words, MaxLine);
    r.text = words.join(u' ');
    r.abbreviated = true;
    r.fits = r.text.size() <= MaxLine;
    return r;
}

} // namespace Relais::Csv
