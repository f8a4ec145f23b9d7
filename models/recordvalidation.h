#pragma once
// The rules on titles, offers, subscriptions, cancellations, complaints and overlapping holds,
// written once for the desk's store and for the server, which checks each row a push leaves (two
// desks offline can each make a valid change whose sum is not). Each rule returns Issues that name
// the field and carry a translated reason (the French is the desk's, relais_fr.ts), as the address
// rules of validation.h do. What only a database can tell (a code already taken, an offer that
// does not exist) stays with the store; how a wire value is written (a date as YYYY-MM-DD, an enum
// code) stays with the server.

#include "domain.h"
#include "result.h"

namespace Relais::Validation {

// A title: a code of 1 to 16 characters (not blank), a name, at least one day of the week and a
// cut-off time.
Issues validatePublication(const Publication &p);

// An offer: a code of 1 to 24 characters (not blank), 1 to 120 months, a price of 0 or more.
Issues validateOffer(const Offer &o);

// The names a caller gives a subscription's fields in its issues: the wire and the database use
// the column names (the defaults); the desk's store names them after its forms (deskFields()).
struct SubscriptionFields
{
    QString start = QStringLiteral("start_date");
    QString end = QStringLiteral("end_date");
    QString cancelDate = QStringLiteral("cancel_date");
    QString cancelReason = QStringLiteral("cancel_reason");

    static SubscriptionFields deskFields()
    {
        return {QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("date"),
                QStringLiteral("reason")};
    }
};

// A subscription: a start date, an end date (when it has one) not before the start, 1 to 999
// copies.
Issues validateSubscription(const Subscription &s, const SubscriptionFields &fields = {});

// A cancellation from `date` of a subscription that starts on `start`: a date, not before the
// start, and a reason.
Issues validateCancellation(QDate start, QDate date, const QString &reason,
                            const SubscriptionFields &fields = {});

// A complaint: the issue it is about, and 0 to 365 issues of compensation.
Issues validateComplaint(const Complaint &c);

// A hold or holiday address must not overlap another on the same subscription: one issue on
// `fromField` for each of `others` (the subscription's other live changes) whose dates meet
// `change`'s, naming it and its dates.
Issues validateNoOverlap(const DeliveryChange &change, const QList<DeliveryChange> &others,
                         const QString &fromField = QStringLiteral("from_date"));

} // namespace Relais::Validation
