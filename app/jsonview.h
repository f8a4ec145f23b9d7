#pragma once
// JSON views of domain objects for relaisctl --json output and JSON input (subscriber add --json).
// Field names are the stable snake_case names of the database and the wire.

#include "deliverylist.h"
#include "domain.h"
#include "result.h"
#include "search.h"
#include "store.h"

#include <QJsonObject>

namespace Relais::Json {

QJsonObject address(const Address &a);
QJsonObject subscriber(const Subscriber &s);
QJsonObject subscription(const Subscription &s);
QJsonObject deliveryChange(const DeliveryChange &c);
QJsonObject publication(const Publication &p);
QJsonObject offer(const Offer &o);
QJsonObject searchHit(const SearchHit &h);
QJsonObject deliveryLine(const DeliveryLine &l);
QJsonObject outboxOperation(const OutboxOperation &o);

// A subscriber from JSON. Unknown keys and wrong types are refused, each named.
Result<Subscriber> subscriberFrom(const QJsonObject &o);

} // namespace Relais::Json
