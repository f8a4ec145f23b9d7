#include "addressfields.h"

#include "formats.h"
#include "formutil.h"

#include "mailingaddress.h"
#include "postalcodes.h"
#include "subscriberform.h"
#include "validation.h"

#include <QCompleter>
#include <QDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace F = Validation::Field;

namespace {
QString name(const char16_t *field)
{
    return QString::fromUtf16(field);
}

QLabel *makeMessage(const QString &field, QWidget *parent)
{
    auto *message = new QLabel(parent);
    message->setObjectName(field + QStringLiteral("_message"));
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("color: #b00020;"));
    message->hide();
    return message;
}
} // namespace

void setLineCounter(QLabel *counter, const QString &text)
{
    const int n = printedLength(text);
    counter->setText(QStringLiteral("%1/%2").arg(n).arg(Validation::MaxLineLength));
    counter->setStyleSheet(n > Validation::MaxLineLength
                               ? QStringLiteral("color: #b00020; font-weight: bold;")
                               : QStringLiteral("color: palette(mid);"));
}

QLabel *makeLineCounter(const QString &name, QWidget *parent)
{
    auto *counter = new QLabel(parent);
    counter->setObjectName(name);
    counter->setMinimumWidth(counter->fontMetrics().horizontalAdvance(QStringLiteral("000/38")));
    counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return counter;
}

QString townChoicesText(const QString &code, const QStringList &towns)
{
    if (towns.isEmpty())
        return {};
    return AddressFields::tr("Towns for %1: %2")
        .arg(code, towns.mid(0, 6).join(QStringLiteral(", "))
                       + (towns.size() > 6 ? QStringLiteral(",\u00a0…")
                                           : QString()) /* never "…" alone on a line */);
}

AddressFields::AddressFields(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto addLine = [this, form](const char16_t *f, const QString &label, bool counted) {
        const QString field = name(f);
        auto *column = new QWidget(this);
        auto *v = new QVBoxLayout(column);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        auto *h = new QHBoxLayout;
        h->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit(column);
        edit->setObjectName(field);
        h->addWidget(edit, 1);
        if (counted) {
            QLabel *counter = makeLineCounter(field + QStringLiteral("_counter"), column);
            h->addWidget(counter);
            m_counters.insert(field, counter);
        }
        v->addLayout(h);
        QLabel *message = makeMessage(field, column);
        v->addWidget(message);
        form->addRow(label, column);
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(column)))
            l->setBuddy(edit);
        m_edits.insert(field, edit);
        m_messages.insert(field, message);
        connect(edit, &QLineEdit::textEdited, this, [this, field] { fieldEdited(field); });
        connect(edit, &QLineEdit::textChanged, this, [this, field] {
            if (!m_loading && field == name(F::PostalCode))
                updateTowns();
            updateCounters();
        });
        return edit;
    };
    addLine(F::Line2, tr("Line &2 (apartment, floor, c/o)"), true);
    addLine(F::Line3, tr("Line &3 (building, residence)"), true);
    addLine(F::Line4, tr("Line &4 (number and street)"), true);
    addLine(F::Line5, tr("Line &5 (lieu-dit, BP)"), true);
    addLine(F::PostalCode, tr("Postal c&ode"), false)->setMaxLength(10);
    QLineEdit *city = addLine(F::City, tr("To&wn"), false);
    m_towns = new QLabel(this);
    m_towns->setObjectName(QStringLiteral("town_choices"));
    m_towns->setWordWrap(true);
    m_towns->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_towns->hide();
    form->addRow(QString(), m_towns);
    auto *line6Box = new QWidget(this);
    auto *line6Layout = new QHBoxLayout(line6Box);
    line6Layout->setContentsMargins(0, 0, 0, 0);
    m_line6 = new QLabel(line6Box);
    m_line6->setObjectName(QStringLiteral("line6_preview"));
    m_line6Counter = makeLineCounter(QStringLiteral("line6_counter"), line6Box);
    m_line6Counter->setToolTip(tr("Postal code and town as printed on line 6"));
    line6Layout->addWidget(m_line6, 1);
    line6Layout->addWidget(m_line6Counter);
    form->addRow(tr("Line 6"), line6Box);
    addLine(F::Country, tr("Countr&y (empty for France)"), true);

    m_townModel = new QStringListModel(this);
    auto *completer = new QCompleter(m_townModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setFilterMode(Qt::MatchContains);
    city->setCompleter(completer);

    QWidget *previous = nullptr;
    for (const char16_t *f :
         {F::Line2, F::Line3, F::Line4, F::Line5, F::PostalCode, F::City, F::Country}) {
        if (previous)
            setTabOrder(previous, m_edits.value(name(f)));
        previous = m_edits.value(name(f));
    }
    setFocusProxy(m_edits.value(name(F::Line2)));
    padFormLabels(form);
    updateCounters();
}

QWidget *AddressFields::firstField() const
{
    return m_edits.value(name(F::Line2));
}

QWidget *AddressFields::lastField() const
{
    return m_edits.value(name(F::Country));
}

Address AddressFields::address() const
{
    auto text = [this](const char16_t *f) { return m_edits.value(name(f))->text(); };
    Address a;
    a.line2 = text(F::Line2);
    a.line3 = text(F::Line3);
    a.line4 = text(F::Line4);
    a.line5 = text(F::Line5);
    a.postalCode = text(F::PostalCode);
    a.city = text(F::City);
    a.country = text(F::Country);
    return a;
}

void AddressFields::setAddress(const Address &a)
{
    m_loading = true;
    const QList<std::pair<const char16_t *, QString>> values = {{F::Line2, a.line2},
                                                                {F::Line3, a.line3},
                                                                {F::Line4, a.line4},
                                                                {F::Line5, a.line5},
                                                                {F::PostalCode, a.postalCode},
                                                                {F::City, a.city},
                                                                {F::Country, a.country}};
    for (const auto &[f, v] : values)
        m_edits.value(name(f))->setText(v);
    m_loading = false;
    m_touched.clear();
    m_townsFor = QStringLiteral("-");
    const QString keep = a.city;
    updateTowns();
    m_edits.value(name(F::City))->setText(keep);
    for (QLabel *m : std::as_const(m_messages)) {
        m->clear();
        m->hide();
    }
    updateCounters();
}

void AddressFields::setReadOnly(bool readOnly)
{
    for (QLineEdit *e : std::as_const(m_edits))
        e->setReadOnly(readOnly);
}

QString AddressFields::printedLine6() const
{
    const Address a = address();
    if (a.postalCode.trimmed().isEmpty() && a.city.trimmed().isEmpty())
        return {};
    return Csv::formatMailingAddress(QString(), a).lines[5];
}

void AddressFields::updateCounters()
{
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it)
        setLineCounter(*it, m_edits.value(it.key())->text());
    const QString line6 = printedLine6();
    m_line6->setText(line6.isEmpty() ? tr("(postal code and town)") : line6);
    setLineCounter(m_line6Counter, line6);
}

void AddressFields::updateTowns()
{
    const QString code = m_edits.value(name(F::PostalCode))->text().trimmed();
    if (code == m_townsFor)
        return;
    m_townsFor = code;
    QStringList towns;
    if (code.size() == 5) {
        for (const Commune &c : PostalCodeDirectory::instance().communesFor(code))
            if (!towns.contains(c.name))
                towns << c.name;
    }
    m_townModel->setStringList(towns);
    m_towns->setText(townChoicesText(code, towns));
    m_towns->setVisible(!towns.isEmpty());
    // The dialog grows for the towns' line rather than squeezing the rows under it.
    if (auto *dialog = qobject_cast<QDialog *>(window()))
        growToFit(dialog);
    QLineEdit *city = m_edits.value(name(F::City));
    if (!m_loading && city->text().trimmed().isEmpty() && towns.size() == 1) {
        // One commune for this code: fill it in; the clerk can still overwrite it.
        city->setText(towns.first());
        m_touched.insert(name(F::City));
    }
}

void AddressFields::fieldEdited(const QString &field)
{
    if (m_loading)
        return;
    m_touched.insert(field);
    if (field == name(F::PostalCode) && !m_edits.value(name(F::City))->text().trimmed().isEmpty())
        m_touched.insert(name(F::City));
    updateCounters();
    validate(false);
    if (auto *dialog = qobject_cast<QDialog *>(window()))
        growToFit(dialog); // a reason under a line takes its room
    emit edited();
}

Issues AddressFields::validate(bool showAll)
{
    m_showAll = m_showAll || showAll;
    const Issues issues = Validation::validateAddress(address());
    QHash<QString, QStringList> byField;
    for (const Issue &i : issues)
        byField[m_messages.contains(i.field) ? i.field : name(F::Line4)] << i.message;
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const bool show = m_showAll || m_touched.contains(it.key());
        const QStringList messages = show ? byField.value(it.key()) : QStringList();
        (*it)->setText(messages.join(u'\n'));
        (*it)->setVisible(!messages.isEmpty());
    }
    return issues;
}

QString AddressFields::messageFor(const QString &field) const
{
    QLabel *m = m_messages.value(field);
    return m && !m->isHidden() ? m->text() : QString();
}

} // namespace Relais::Ui
