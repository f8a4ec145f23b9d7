#pragma once
// Runs a workload on a desk again and again, cutting the power at every point where it changes a
// file (or at evenly spread points when there are more than asked), and checks after each cut that
// what the workload saw saved is still there and that the file is sound.

#include "store.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>

namespace Relais::Test {

// Something a step that returned "saved" promises: checked on the desk reopened after the cut.
struct Expectation
{
    QString what;
    std::function<bool(QSqlDatabase &)> holds;
};
using Ledger = QList<Expectation>;

// Runs steps on an open desk until one fails (the power went out); each step that succeeded adds
// what must survive.
using Workload = std::function<void(Store &, Ledger &)>;

struct CutReport
{
    int points = 0;     // cuts tried
    int cutsLanded = 0; // cuts that fell inside the workload (the power did go out)
    int commits = 0;    // saved steps checked after the cuts
    int lost = 0;       // of those, missing after the cut
    int damaged = 0;    // reopened desks that failed integrity_check or did not open
    long long bytesThrownAway = 0;
    QStringList examples; // the first few losses, for the log
};

class PowerCut final
{
public:
    // `folder` holds the desk files; only the "run" folder below it is watched by the VFS.
    explicit PowerCut(const QString &folder);

    // Builds the desk every run starts from (closed, so a single file).
    void prepare(const std::function<void(Store &)> &setup);
    // `synchronous`: "FULL" (what Database::open sets) or "NORMAL" (set after the open, to show that
    // the test catches lost commits). `afterReopen` runs on the reopened desk before the checks
    // (e.g. recovery of a dead import).
    CutReport run(const Workload &workload, const QString &synchronous, int maxPoints,
                  const std::function<void(Store &)> &afterReopen = {});

    QString workPath() const { return m_work; }
    static bool integrityOk(QSqlDatabase &db, QString *detail = nullptr);
    // The first value of the first row of `sql` with `binds`, or an invalid QVariant.
    static QVariant scalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});

private:
    void freshCopy();
    QString m_template;
    QString m_work;
};

// The catalogue every fault test starts from: the daily LQC and its 12-month offer LQC-12M.
void addCatalogue(Store &store);
// `n` subscriber rows as the server sends them in a pull (every column of the table), written by
// another desk at `sourcePath`; the caller puts its own publisher_id in.
QList<QJsonObject> rowsFromAnotherDesk(const QString &sourcePath, int n);

} // namespace Relais::Test
