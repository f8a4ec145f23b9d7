#pragma once
// La Poste's way of shortening a street line that does not fit (NF Z10-011): only when the street
// label is over 32 characters or the whole line over 38, and then step by step until it fits:
// street type, titles, first names to initials, common words, SAINT/SAINTE, then dropping articles.
// The words come from the reference data (":/data/street-abbreviations-fr.csv") and the first-name
// lists (":/demo/first-names-*.txt"), so they can be corrected without touching code.

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Relais::Csv {

class StreetAbbreviations final
{
public:
    static constexpr int MaxLabel = 32;
    static constexpr int MaxLine = 38;

    static const StreetAbbreviations &instance();
    // `csv`: kind;full;abbreviation;note. `firstNames`: one per line, any case and accents.
    static StreetAbbreviations fromData(const QByteArray &csv, const QByteArray &firstNames);

    struct Result
    {
        QString text; // the line, folded (capitals, no accents or punctuation)
        bool abbreviated = false;
        bool fits = true; // at most MaxLine characters
    };
    // Folds line 4 ("12 bis, boulevard du Maréchal ...") and shortens it when needed.
    Result formatStreetLine(const QString &line) const;
    // Folds a line with no house number (line 5) and shortens it only if over MaxLine.
    Result formatPlainLine(const QString &line) const;

private:
    struct Entry
    {
        QStringList words;
        QString abbreviation;
    };
    // Shortens `words` in place; `number` is the house number part kept in front.
    bool shorten(const QString &number, QStringList &words, int maxLabel) const;

    QList<Entry> m_streetTypes; // longest first
    QList<Entry> m_titles;
    QList<Entry> m_words;
    QList<Entry> m_saints;
    QSet<QString> m_firstNames;
};

} // namespace Relais::Csv
