#include "worklistsdialog.h"

#include "deskqueries.h"
#include "formutil.h"
#include "recordmodels.h"
#include "storeworker.h"
#include "worklistmodel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {
QTableView *makeView(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *v = new QTableView(parent);
    v->setObjectName(name);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setAlternatingRowColors(true);
    v->setTabKeyNavigation(false);
    return v;
}
} // namespace

WorklistsDialog::WorklistsDialog(StoreWorker *worker, QWidget *parent)
    : QDialog(parent), m_worker(worker)
{
    setWindowTitle(tr("Worklists"));
    resize(940, 560);
    m_expiring = new ExpiringModel(this);
    m_starting = new ChangeStartModel(this);
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    auto *expiringPage = new QWidget;
    auto *ev = new QVBoxLayout(expiringPage);
    auto *row = new QHBoxLayout;
    auto *daysLabel = new QLabel(tr("Terms ending within the next"), expiringPage);
    m_days = new QSpinBox(expiringPage);
    m_days->setObjectName(QStringLiteral("days"));
    m_days->setRange(1, 365);
    m_days->setValue(30);
    // "1 jour", "30 jours": the suffix follows the number.
    const auto daysSuffix = [this](int n) {
        m_days->setSuffix(tr(" day(s)", "after a number", n));
    };
    connect(m_days, &QSpinBox::valueChanged, this, daysSuffix);
    daysSuffix(m_days->value());
    daysLabel->setBuddy(m_days);
    row->addWidget(daysLabel);
    row->addWidget(m_days);
    row->addStretch();
    m_expiringCount = new QLabel(expiringPage);
    row->addWidget(m_expiringCount);
    ev->addLayout(row);
    m_expiringView = makeView(m_expiring, expiringPage, QStringLiteral("expiring"));
    ev->addWidget(m_expiringView);
    m_tabs->addTab(expiringPage, tr("&Expiring"));

    auto *startingPage = new QWidget;
    auto *sv = new QVBoxLayout(startingPage);
    m_startingCount = new QLabel(startingPage);
    sv->addWidget(m_startingCount);
    m_startingView = makeView(m_starting, startingPage, QStringLiteral("starting"));
    sv->addWidget(m_startingView);
    m_tabs->addTab(startingPage, tr("&Starting tomorrow"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    connect(m_days, &QSpinBox::valueChanged, this, &WorklistsDialog::reload);
    for (QTableView *v : {m_expiringView, m_startingView}) {
        v->installEventFilter(this);
        connect(v, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
            emit openSubscriber(i.data(ExpiringModel::SeqRole).toLongLong());
        });
    }
    reload();
}

bool WorklistsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto *view = qobject_cast<QTableView *>(watched);
        if (view && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && view->currentIndex().isValid()) {
            emit openSubscriber(view->currentIndex().data(ExpiringModel::SeqRole).toLongLong());
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

int WorklistsDialog::tableWidth(QTableView *view)
{
    // What the table needs to show every column whole, frame and vertical scroll bar included.
    int columns = 0;
    for (int w : naturalColumnWidths(view))
        columns += w;
    return 2 * view->frameWidth() + view->verticalScrollBar()->sizeHint().width() + columns;
}

void WorklistsDialog::fitToTables()
{
    // Wide enough for every column of the lists, within the screen.
    const int wanted = qMax(tableWidth(m_expiringView), tableWidth(m_startingView));
    int limit = 1280;
    if (const QScreen *s = screen())
        limit = s->availableGeometry().width() - 40;
    const int target = qMin(limit, wanted + chrome());
    if (target > width())
        resize(target, height());
    fitColumns();
}

int WorklistsDialog::chrome() const
{
    // The dialog's width around a table: the layouts' margins and the tab page's frame.
    const int outside = width() - m_expiringView->width();
    if (isVisible() && outside > 0)
        return outside;
    const QMargins margins = layout()->contentsMargins();
    return margins.left() + margins.right() + 24;
}

void WorklistsDialog::fitColumns()
{
    // Each column as wide as its contents. When the dialog cannot be that wide (a small screen, or
    // the clerk made it narrower), the widest columns give way first, cut to one common width, so
    // that the table never needs a horizontal scroll bar.
    for (QTableView *view : {m_expiringView, m_startingView}) {
        QList<int> widths = naturalColumnWidths(view);
        const int room = width() - chrome() - 2 * view->frameWidth()
                         - view->verticalScrollBar()->sizeHint().width();
        shrinkColumnWidths(widths, room, view->horizontalHeader()->minimumSectionSize());
        for (int c = 0; c < widths.size(); ++c)
            view->setColumnWidth(c, widths.at(c));
    }
}

void WorklistsDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    fitColumns();
}

void WorklistsDialog::reload()
{
    const QDate today = QDate::currentDate();
    const int days = m_days->value();
    m_pending += 2;
    auto finishOne = [this] {
        if (--m_pending == 0)
            emit reloaded();
    };
    m_worker->post(
        this,
        [today, days](Store *store) -> QList<ExpiringRow> {
            if (!store)
                return {};
            auto r = DeskQueries(store->db()).expiringBetween(today, days);
            return r ? *r : QList<ExpiringRow>();
        },
        [this, finishOne](QList<ExpiringRow> rows) {
            m_expiringCount->setText(tr("%n subscription(s)", nullptr, int(rows.size())));
            m_expiring->setRows(std::move(rows));
            fitToTables();
            finishOne();
        });
    m_worker->post(
        this,
        [today](Store *store) -> QList<ChangeStartRow> {
            if (!store)
                return {};
            auto r = DeskQueries(store->db()).changesStartingOn(today.addDays(1));
            return r ? *r : QList<ChangeStartRow>();
        },
        [this, today, finishOne](QList<ChangeStartRow> rows) {
            m_startingCount->setText(tr("Holds and holiday addresses starting on %1: %2")
                                         .arg(Labels::date(today.addDays(1)))
                                         .arg(rows.size()));
            m_starting->setRows(std::move(rows));
            fitToTables();
            finishOne();
        });
}

} // namespace Relais::Ui
