#pragma once
// relais-server desks: the desks at a glance on the command line (docs/server.md).

#include "serverstore.h"

#include <QTextStream>

namespace Relais::Server {

// Prints the desks of each publisher (a table, or JSON); returns how many are late.
int printDesks(const QList<PublisherDesks> &list, bool json, QTextStream &out);

} // namespace Relais::Server
