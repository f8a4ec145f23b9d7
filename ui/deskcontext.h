#pragma once
// What every part of the window shares: the GUI thread's Store (quick reads and all writes), the
// worker for slow reads, and where unsaved drafts go.

#include <QObject>

namespace Relais {
class Store;
class StoreWorker;
namespace Sync {
class Service;
}
} // namespace Relais

namespace Relais::Ui {

class DraftStore;

struct DeskContext
{
    Store *store = nullptr;
    StoreWorker *worker = nullptr;
    DraftStore *drafts = nullptr;
    Sync::Service *sync = nullptr; // null: no sync (tests, relais --measure)
};

// Tells the window that the data changed (after a commit), so lists and counters refresh.
class DeskEvents final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
signals:
    void subscriberSaved(qint64 seq, const QString &id, bool created);
    void recordChanged(const QString &subscriberId);
    void statusMessage(const QString &text);
};

} // namespace Relais::Ui
