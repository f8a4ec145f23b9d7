#include "mailingaddress.h"

#include "formats.h"
#include "postalcodes.h"
#include "postalfold.h"
#include "streetabbreviations.h"

#include <QHash>
#include <QMutex>

#include <QCoreApplication>

namespace Relais::Csv {

namespace {

// Lines 1 to 3 keep the clerk's spelling, but a printer gets one line: controls become spaces,
// runs of spaces collapse, accents are composed (a decomposed "é" counts once).
QString cleanFreeLine(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar c : text.normalized(QString::NormalizationForm_C)) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out += u' ';
        space = false;
        out += c;
    }
    return out;
}

// Postal code + routing label. PostalCodeDirectory::match folds every commune name of the code on
// each call; an export asks for the same codes again and again, so each code's names and labels
// are folded once here and a town typed as one of them is found directly. Other spellings
// ("ST ETIENNE", "PARIS 16") go through match() and are remembered too.
// Towns compare as PostalCodeDirectory does: folded, ST and STE read as SAINT and SAINTE.
QString townKey(const QString &text)
{
    const QString folded = foldPostal(text);
    if (!folded.contains(u"ST"))
        return folded;
    QStringList words = folded.split(u' ');
    for (QString &w : words) {
        if (w == u"ST")
            w = QStringLiteral("SAINT");
        else if (w == u"STE")
            w = QStringLiteral("SAINTE");
    }
    return words.join(u' ');
}

QString line6(const QString &code, const QString &city)
{
    struct CodeEntry
    {
        QHash<QString, QString> labelByTown; // folded name or label -> routing label
    };
    // One cache for the process, behind a mutex (the directory it is made from never changes),
    // not one per thread: with MinGW-w64 (the Windows build) a thread_local object with a
    // destructor is destroyed after its thread's storage was freed (GCC bug 80816, mingw-w64 bug
    // 527), so every export thread of the desk corrupted the heap as it ended.
    static QMutex mutex;
    static QHash<QString, CodeEntry> byCode;
    static QHash<QString, QString> slow;
    const QMutexLocker lock(&mutex);
    if (byCode.size() > 50000 || slow.size() > 200000) {
        byCode.clear();
        slow.clear();
    }
    auto entry = byCode.find(code);
    if (entry == byCode.end()) {
        CodeEntry e;
        const QList<Commune> communes = PostalCodeDirectory::instance().communesFor(code);
        for (const Commune &c : communes) {
            const QString label = c.routingLabel.isEmpty() ? foldPostal(c.name) : c.routingLabel;
            for (const QString &spelling : {c.name, c.routingLabel}) {
                const QString key = townKey(spelling);
                if (!key.isEmpty() && !e.labelByTown.contains(key))
                    e.labelByTown.insert(key, label);
            }
        }
        entry = byCode.insert(code, e);
    }
    const QString folded = foldPostal(city);
    QString town = entry->labelByTown.value(townKey(city));
    if (town.isEmpty()) {
        const QString key = code + u'|' + city;
        const auto it = slow.constFind(key);
        if (it != slow.constEnd()) {
            town = *it;
        } else {
            const auto commune = PostalCodeDirectory::instance().match(code, city);
            town = commune && !commune->routingLabel.isEmpty() ? commune->routingLabel : folded;
            slow.insert(key, town);
        }
    }
    return QStringList{code, town}.join(u' ').trimmed();
}

} // namespace

MailingAddress formatMailingAddress(const QString &line1, const Address &address)
{
    MailingAddress m;
    const StreetAbbreviations &abbreviations = StreetAbbreviations::instance();
    m.lines[0] = cleanFreeLine(line1);
    m.lines[1] = cleanFreeLine(address.line2);
    m.lines[2] = cleanFreeLine(address.line3);
    const auto street = abbreviations.formatStreetLine(address.line4);
    m.lines[3] = street.text;
    const auto special = abbreviations.formatPlainLine(address.line5);
    m.lines[4] = special.text;
    m.abbreviated = street.abbreviated || special.abbreviated;
    const QString code = address.postalCode.trimmed();
    if (address.isFrance()) {
        m.lines[5] = line6(code, address.city);
    } else {
        m.lines[5] = foldPostal(code + u' ' + address.city);
        m.country = foldPostal(address.country);
    }
    for (int i = 0; i < 6; ++i) {
        const int length = printedLength(m.lines[i]);
        if (length > Validation::MaxLineLength)
            m.problems << LineProblem{i + 1, QStringLiteral("line.too_long"),
                                      QCoreApplication::translate(
                                          "Relais::Csv",
                                          "Line %1 has %2 characters even abbreviated; at most %3 "
                                          "fit on a label: %4")
                                          .arg(i + 1)
                                          .arg(length)
                                          .arg(Validation::MaxLineLength)
                                          .arg(m.lines[i])};
    }
    if (printedLength(m.country) > Validation::MaxLineLength)
        m.problems
            << LineProblem{7, QStringLiteral("line.too_long"),
                           QCoreApplication::translate("Relais::Csv",
                                                       "The country line has %1 characters; at "
                                                       "most %2 fit on a label: %3")
                               .arg(printedLength(m.country))
                               .arg(Validation::MaxLineLength)
                               .arg(m.country)};
    return m;
}

} // namespace Relais::Csv
