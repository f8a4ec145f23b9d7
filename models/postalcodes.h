#pragma once
// The French postal code reference data (La Poste codes, INSEE communes, routing labels), loaded once
// from the embedded resource. Thread-safe after construction.

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Relais {

struct Commune
{
    QString postalCode;
    QString inseeCode;
    QString name;         // "Saint-Denis-lès-Bourg"
    QString routingLabel; // "SAINT DENIS LES BOURG"
};

class PostalCodeDirectory final
{
public:
    // The embedded reference data (":/data/postal-codes-fr.csv"), parsed on first use.
    static const PostalCodeDirectory &instance();

    // Parses `;`-separated text with the header of the shipped file; rows that do not parse are skipped.
    static PostalCodeDirectory fromCsv(const QByteArray &csv);

    bool isKnown(const QString &postalCode) const;
    QList<Commune> communesFor(const QString &postalCode) const;
    // The commune of that postal code whose name or routing label matches `city` once folded.
    std::optional<Commune> match(const QString &postalCode, const QString &city) const;
    // Every commune of that postal code whose name or routing label matches `city` once folded
    // (several communes of a code may share a routing label).
    QList<Commune> matchAll(const QString &postalCode, const QString &city) const;
    // Postal codes starting with `prefix` (for completion), sorted, at most `limit`.
    QStringList codesStartingWith(const QString &prefix, int limit = 50) const;
    int size() const { return m_count; }

private:
    QHash<QString, QList<Commune>> m_byCode;
    // Per postal code, the town keys a clerk may type (folded once at load: validating an import
    // of 100,000 rows folded every commune name of every code again).
    QHash<QString, QHash<QString, qsizetype>> m_keysByCode;
    QStringList m_sortedCodes;
    int m_count = 0;
};

} // namespace Relais
