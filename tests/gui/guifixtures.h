#pragma once
// Desk data for the GUI and item model tests, made through the Store (every row audited).

#include "store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSize>
#include <QTest>

#include <cstdio>
#include <cstdlib>

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

inline Subscriber makeSubscriber(const QString &first, const QString &last,
                                 const QString &street = QStringLiteral("12 RUE DES LILAS"),
                                 const QString &code = QStringLiteral("35000"),
                                 const QString &city = QStringLiteral("Rennes"))
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

// The clerk's screen for the offscreen platform, whose own screen is 800x600: RELAIS_TEST_SCREEN
// (WIDTHxHEIGHT, default 1366x768), given to the platform as its configuration file. Call before the
// QApplication exists (a static initialiser of the test); without QT_QPA_PLATFORM=offscreen it does
// nothing. Returns the size asked for.
inline QSize useClerkScreen()
{
    const QByteArray asked = qgetenv("RELAIS_TEST_SCREEN");
    const QList<QByteArray> wh = (asked.isEmpty() ? QByteArray("1366x768") : asked).split('x');
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
    if (qgetenv("QT_QPA_PLATFORM") != "offscreen" || !size.isValid())
        return size;
#ifdef Q_OS_WIN
    // Qt splits the platform's arguments at ':', so a path with a drive letter (C:) cannot be given:
    // on Windows the file is written in the current folder and named relative to it.
    const QString path = QStringLiteral("relais-screen-%1.json")
                             .arg(QCoreApplication::applicationPid());
#else
    const QString path = QDir::temp().filePath(
        QStringLiteral("relais-screen-%1.json").arg(QCoreApplication::applicationPid()));
#endif
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return size;
    f.write(QStringLiteral(R"({"synchronousWindowSystemEvents": false, "windowFrameMargins": true,
 "screens": [{"name": "clerk", "x": 0, "y": 0, "width": %1, "height": %2, "logicalDpi": 96,
 "logicalBaseDpi": 96, "dpr": 1}]})")
                .arg(size.width())
                .arg(size.height())
                .toUtf8());
    f.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(path));
    static QByteArray written;
    written = QFile::encodeName(path);
    std::atexit([] { std::remove(written.constData()); });
    return size;
}

} // namespace Relais::Test
