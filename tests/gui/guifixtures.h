#pragma once
// Desk data for the GUI and item model tests, made through the Store (every row audited).

#include "store.h"

#include <QTest>

namespace Relais::Test {

struct Catalogue
{
    Publication daily;
    Offer yearly;
};

// A daily title (Monday to Saturday, cut-off 14:00) with a 12-month offer.
inline Catalogue addCatalogue(Store &store)
{
    Publication p;
    p.code = QStringLiteral("QDN");
    p.name = QStringLiteral("Le Quotidien du Nord");
    p.weekdays = *Weekdays::parse(QStringLiteral("1-6"));
    p.cutoff = QTime(14, 0);
    auto pub = store.addPublication(p);
    if (!pub)
        qFatal("publication: %s", qPrintable(pub.error().fullText()));
    Offer o;
    o.publicationId = pub->meta.id;
    o.code = QStringLiteral("QDN-12M");
    o.label = QStringLiteral("Annuel papier");
    o.months = 12;
    o.priceCents = 32900;
    auto offer = store.addOffer(o);
    if (!offer)
        qFatal("offer: %s", qPrintable(offer.error().fullText()));
    return {*pub, *offer};
}

inline Subscriber makeSubscriber(const QString &first, const QString &last, const QString &street = QStringLiteral("12 RUE DES LILAS"),
                                 const QString &code = QStringLiteral("35000"), const QString &city = QStringLiteral("Rennes"))
{
    Subscriber s;
    s.civility = QStringLiteral("Mme");
    s.firstName = first;
    s.lastName = last;
    s.address.line4 = street;
    s.address.postalCode = code;
    s.address.city = city;
    return s;
}

inline Subscriber addSubscriber(Store &store, const Subscriber &s)
{
    auto r = store.addSubscriber(s);
    if (!r)
        qFatal("subscriber: %s", qPrintable(r.error().fullText()));
    return *r;
}

inline Subscription addSubscription(Store &store, const Subscriber &s, const Offer &o, QDate start)
{
    Subscription sub;
    sub.recipientId = s.meta.id;
    sub.offerId = o.meta.id;
    sub.start = start;
    auto r = store.addSubscription(sub);
    if (!r)
        qFatal("subscription: %s", qPrintable(r.error().fullText()));
    return *r;
}

} // namespace Relais::Test
