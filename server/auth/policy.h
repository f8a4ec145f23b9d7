#pragma once
// Who may do what, in one place: every route's minimum role, and the few capabilities inside a
// route that need more than the route itself (a supervisor may push over a conflict). The router
// refuses to serve a route that has no entry here, so a new route cannot be open by accident.

#include "serverstore.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Relais::Server::Policy {

enum class Access { Public, Clerk, Supervisor, Admin };

struct RouteAccess
{
    QByteArray method; // "GET", "POST"
    QString path;      // below /api/v1/, e.g. "sync/push"
    Access access;
};

const QList<RouteAccess> &routes();
// The access of (method, path), or nullopt when the route is not in the table.
std::optional<Access> accessOf(const QByteArray &method, const QString &path);

enum class Capability {
    OverrideConflict, // push with "override": true applies over conflicting fields
};
Access accessOf(Capability c);

bool allows(Role role, Access access);

} // namespace Relais::Server::Policy
