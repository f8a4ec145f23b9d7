// relais-server desks [--publisher CODE] [--json]: every desk as the server last heard of it, and
// which are late (docs/server.md, "The desks at a glance").

#include "deskscommand.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Relais::Server {

namespace {

QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

QString orDash(const std::optional<qint64> &n)
{
    return n ? QString::number(*n) : QStringLiteral("-");
}

} // namespace

int printDesks(const QList<PublisherDesks> &list, bool json, QTextStream &out)
{
    int late = 0;
    for (const PublisherDesks &p : list)
        for (const Protocol::DeskLine &d : p.desks.desks)
            late += d.late ? 1 : 0;
    if (json) {
        QJsonArray publishers;
        for (const PublisherDesks &p : list) {
            QJsonObject o = p.desks.toJson();
            o.insert(QStringLiteral("code"), p.publisher.code);
            o.insert(QStringLiteral("name"), p.publisher.name);
            publishers.append(o);
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("late"), late},
                                         {QStringLiteral("publishers"), publishers}})
                   .toJson(QJsonDocument::Indented);
    } else {
        for (const PublisherDesks &p : list) {
            out << "publisher " << p.publisher.code << ", " << p.desks.desks.size()
                << " desk(s), last cut-off " << orDash(p.desks.cutoff) << ", now " << p.desks.now
                << '\n';
            if (p.desks.desks.isEmpty())
                continue;
            out << "desk\thost\tuser\tlast push\tlast pull\tqueued\toldest queued\tepoch "
                   "seen\tnumbers left\t"
                   "version\tclock skew\tlate\n";
            for (const Protocol::DeskLine &d : p.desks.desks)
                out << d.deskId << '\t' << orDash(d.host) << '\t' << orDash(d.user) << '\t'
                    << orDash(d.lastPushAt) << '\t' << orDash(d.lastPullAt) << '\t'
                    << (d.queueDepth ? QString::number(*d.queueDepth)
                                     : QStringLiteral("never reported"))
                    << '\t' << orDash(d.oldestQueuedAt) << '\t'
                    << (d.epochSeen.isEmpty()
                            ? QStringLiteral("-")
                            : d.epochSeen + (d.epochCurrent ? QString() : QStringLiteral(" (old)")))
                    << '\t' << orDash(d.numbersLeft) << '\t' << orDash(d.appVersion) << '\t'
                    << (d.clockSkewSeconds
                            ? QString::number(*d.clockSkewSeconds) + QStringLiteral(" s")
                            : QStringLiteral("-"))
                    << '\t' << (d.late ? "LATE" : "") << '\n';
        }
    }
    out.flush();
    return late;
}

} // namespace Relais::Server
