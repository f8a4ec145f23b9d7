#pragma once
// The business rules the server checks on a row as it will stand after an operation (the desk
// checked them too, but two desks offline can each make a valid change whose sum is not, and a
// desk's clock or version may differ). A broken rule makes the operation a stored rejection.
// Pure functions: the caller supplies the rows the rules compare with.

#include "result.h"
#include "schema.h"

#include <QVariantMap>

namespace Relais::Server::Rules {

// Rules on the row alone (field formats, ranges, the shared address validation).
Issues checkRow(const Protocol::Table &table, const QVariantMap &row);

// A hold or holiday address must not overlap another on the same subscription.
Issues checkOverlap(const QVariantMap &change, const QList<QVariantMap> &others);

} // namespace Relais::Server::Rules
