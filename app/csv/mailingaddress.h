#pragma once
// The address block a mailing house prints: NF Z10-011 lines L1 to L6 (at most 38 characters each;
// lines 4 to 6 in capitals with no accents or punctuation; the street abbreviated with La Poste's
// list only when needed; L6 = postal code + routing label) and, abroad, a country line.

#include "deliverylist.h"

#include <QList>
#include <QString>

namespace Relais::Csv {

struct LineProblem
{
    int line = 0;   // 1..6, 7 for the country
    QString rule;   // stable code: line.too_long
    QString reason; // translated
};

struct MailingAddress
{
    QString lines[6]; // L1..L6
    QString country;  // empty for France, else the country in capitals
    bool abbreviated = false;
    QList<LineProblem> problems; // lines that do not fit even abbreviated (never cut)
};

MailingAddress formatMailingAddress(const QString &line1, const Address &address);
inline MailingAddress formatMailingAddress(const DeliveryLine &l)
{
    return formatMailingAddress(l.recipient().line1(), l.address);
}

} // namespace Relais::Csv
