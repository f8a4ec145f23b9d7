#include "subscriberform.h"

#include "addressfields.h"
#include "formutil.h"
#include "mailingaddress.h"
#include "postalcodes.h"
#include "validation.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace F = Validation::Field;

namespace {
QString name(const char16_t *field)
{
    return QString::fromUtf16(field);
}

const QString kNotes = QStringLiteral("notes");

// The subscriber's text of a form field, by the names values() uses; nullptr for another name.
QString *fieldText(Subscriber &s, const QString &field)
{
    const std::pair<const char16_t *, QString *> fields[] = {{F::Civility, &s.civility},
                                                             {F::FirstName, &s.firstName},
                                                             {F::LastName, &s.lastName},
                                                             {F::Company, &s.company},
                                                             {F::Line2, &s.address.line2},
                                                             {F::Line3, &s.address.line3},
                                                             {F::Line4, &s.address.line4},
                                                             {F::Line5, &s.address.line5},
                                                             {F::PostalCode, &s.address.postalCode},
                                                             {F::City, &s.address.city},
                                                             {F::Country, &s.address.country},
                                                             {F::Email, &s.email},
                                                             {F::Phone, &s.phone}};
    for (const auto &[f, text] : fields)
        if (field == name(f))
            return text;
    return field == kNotes ? &s.notes : nullptr;
}
} // namespace

SubscriberForm::SubscriberForm(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    auto *identity = new QLabel(tr("<b>Identity</b>"), this);
    form->addRow(identity);
    m_civility = new QComboBox(this);
    m_civility->setObjectName(name(F::Civility));
    m_civility->addItem(QString());
    m_civility->addItem(QStringLiteral("M."));
    m_civility->addItem(QStringLiteral("Mme"));
    m_civility->setAccessibleName(tr("Civility"));
    form->addRow(tr("Ci&vility"), m_civility);
    connect(m_civility, &QComboBox::currentIndexChanged, this,
            [this] { fieldEdited(name(F::Civility)); });

    addLine(name(F::FirstName), tr("First &name"), false, this, form);
    addLine(name(F::LastName), tr("Las&t name"), false, this, form);
    addLine(name(F::Company), tr("&Company"), false, this, form);

    // Line 1 is built from the name: show it as the label will print it, with its length.
    auto *line1Box = new QWidget(this);
    auto *line1Layout = new QHBoxLayout(line1Box);
    line1Layout->setContentsMargins(0, 0, 0, 0);
    m_line1 = new QLabel(line1Box);
    m_line1->setObjectName(QStringLiteral("line1_preview"));
    m_line1->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_line1Counter = new QLabel(line1Box);
    m_line1Counter->setObjectName(QStringLiteral("line1_counter"));
    line1Layout->addWidget(m_line1, 1);
    line1Layout->addWidget(m_line1Counter);
    auto *line1Message = new QLabel(this);
    line1Message->setObjectName(QStringLiteral("line1_message"));
    m_messages.insert(name(F::Line1), line1Message);
    auto *line1Column = new QWidget(this);
    auto *line1ColumnLayout = new QVBoxLayout(line1Column);
    line1ColumnLayout->setContentsMargins(0, 0, 0, 0);
    line1ColumnLayout->setSpacing(1);
    line1ColumnLayout->addWidget(line1Box);
    line1ColumnLayout->addWidget(line1Message);
    form->addRow(tr("Line 1"), line1Column);

    form->addRow(
        new QLabel(tr("<b>Postal address</b> (NF Z10-011, 38 characters per line)"), this));
    addLine(name(F::Line2), tr("Line &2 (apartment, floor, c/o)"), true, this, form);
    addLine(name(F::Line3), tr("Line &3 (building, residence)"), true, this, form);
    addLine(name(F::Line4), tr("Line &4 (number and street)"), true, this, form);
    addLine(name(F::Line5), tr("Line &5 (lieu-dit, BP)"), true, this, form);
    QLineEdit *postal = addLine(name(F::PostalCode), tr("Postal c&ode"), false, this, form);
    postal->setMaxLength(10);
    QLineEdit *city = addLine(name(F::City), tr("To&wn"), false, this, form);
    m_line6Counter = new QLabel(this);
    m_line6Counter->setObjectName(QStringLiteral("line6_counter"));
    // The towns of the code under the town; line 6 as the label will print it ("90200 AUXELLES BAS").
    m_townHint = new QLabel(this);
    m_townHint->setObjectName(QStringLiteral("town_hint"));
    m_townHint->setWordWrap(true);
    m_townHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_townHint->hide();
    form->addRow(QString(), m_townHint);
    m_line6 = new QLabel(this);
    m_line6->setObjectName(QStringLiteral("line6_preview"));
    m_line6->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *line6Box = new QWidget(this);
    auto *line6Layout = new QHBoxLayout(line6Box);
    line6Layout->setContentsMargins(0, 0, 0, 0);
    line6Layout->addWidget(m_line6, 1);
    line6Layout->addWidget(m_line6Counter);
    form->addRow(tr("Line 6"), line6Box);
    // The INSEE commune code an imported address came with: shown, not typed; an edit of the postal
    // code or town that it no longer fits drops it (Validation::dropStaleInseeCode).
    m_insee = new QLabel(this);
    m_insee->setObjectName(QStringLiteral("insee_code"));
    m_insee->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_insee->setWordWrap(true); // the longer "none (...)" line must not widen the form
    m_insee->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_insee->hide();
    form->addRow(QString(), m_insee);
    addLine(name(F::Country), tr("Countr&y (empty for France)"), true, this, form);

    form->addRow(new QLabel(tr("<b>Contact</b>"), this));
    addLine(name(F::Email), tr("&E-mail"), false, this, form);
    addLine(name(F::Phone), tr("&Phone"), false, this, form);
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(kNotes);
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(80);
    form->addRow(tr("Notes"), m_notes);
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] { fieldEdited(kNotes); });

    // The towns of the postal code typed, offered as the clerk types the town.
    m_towns = new QStringListModel(this);
    m_townCompleter = new QCompleter(m_towns, this);
    m_townCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_townCompleter->setCompletionMode(QCompleter::PopupCompletion);
    m_townCompleter->setFilterMode(Qt::MatchContains);
    city->setCompleter(m_townCompleter);

    QWidget *previous = m_civility;
    for (const QString &f :
         {name(F::FirstName), name(F::LastName), name(F::Company), name(F::Line2), name(F::Line3),
          name(F::Line4), name(F::Line5), name(F::PostalCode), name(F::City), name(F::Country),
          name(F::Email), name(F::Phone)}) {
        setTabOrder(previous, m_edits.value(f));
        previous = m_edits.value(f);
    }
    setTabOrder(previous, m_notes);
    padFormLabels(form);

    updateCounters();
}

QLineEdit *SubscriberForm::addLine(const QString &field, const QString &label, bool counted,
                                   QWidget *parent, QFormLayout *form)
{
    auto *column = new QWidget(parent);
    auto *v = new QVBoxLayout(column);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(1);
    auto *row = new QWidget(column);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(row);
    edit->setObjectName(field);
    h->addWidget(edit, 1);
    if (counted) {
        auto *counter = new QLabel(row);
        counter->setObjectName(field + QStringLiteral("_counter"));
        counter->setMinimumWidth(
            counter->fontMetrics().horizontalAdvance(QStringLiteral("000/38")));
        counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        h->addWidget(counter);
        m_counters.insert(field, counter);
    }
    auto *message = new QLabel(column);
    message->setObjectName(field + QStringLiteral("_message"));
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("color: #b00020;"));
    message->hide();
    v->addWidget(row);
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
    connect(edit, &QLineEdit::returnPressed, this, &SubscriberForm::saveRequested);
    return edit;
}

void SubscriberForm::updateCounters()
{
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it)
        setLineCounter(*it, m_edits.value(it.key())->text());
    const Subscriber s = subscriber();
    const QString line1 = s.line1();
    m_line1->setText(line1.isEmpty() ? tr("(from the name)") : line1);
    setLineCounter(m_line1Counter, line1);
    const QString line6 = s.address.postalCode.trimmed().isEmpty()
                                  && s.address.city.trimmed().isEmpty()
                              ? QString()
                              : Csv::formatMailingAddress(QString(), s.address).lines[5];
    m_line6->setText(line6.isEmpty() ? tr("(postal code and town)") : line6);
    setLineCounter(m_line6Counter, line6);
    m_line6Counter->setToolTip(tr("Postal code and town as printed on line 6"));
    const QString insee = s.address.inseeCode.trimmed();
    const QString loadedInsee = m_loaded.address.inseeCode.trimmed();
    if (!insee.isEmpty())
        m_insee->setText(tr("INSEE code: %1").arg(insee));
    else if (!loadedInsee.isEmpty())
        m_insee->setText(tr("INSEE code: none (%1 is not a commune of this postal code and town)")
                             .arg(loadedInsee));
    m_insee->setVisible(!insee.isEmpty() || !loadedInsee.isEmpty());
}

void SubscriberForm::updateTowns()
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
    m_towns->setStringList(towns);
    m_townHint->setText(townChoicesText(code, towns));
    m_townHint->setVisible(!towns.isEmpty());
    if (towns.isEmpty())
        return;
    QLineEdit *city = m_edits.value(name(F::City));
    if (city->text().trimmed().isEmpty() && towns.size() == 1) {
        // One commune for this code: fill it in; the clerk can still overwrite it.
        city->setText(towns.first());
        m_touched.insert(name(F::City));
    }
}

void SubscriberForm::fieldEdited(const QString &field)
{
    if (m_loading)
        return;
    m_touched.insert(field);
    // A code and a town are checked together: once both are there, a mismatch shows on the town.
    if (field == name(F::PostalCode) && !m_edits.value(name(F::City))->text().trimmed().isEmpty())
        m_touched.insert(name(F::City));
    if (field == name(F::FirstName) || field == name(F::LastName) || field == name(F::Company)
        || field == name(F::Civility))
        m_touched.insert(name(F::Line1));
    updateCounters();
    validate(m_showAll);
    setModified(true);
    emit edited();
}

void SubscriberForm::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void SubscriberForm::setSubscriber(const Subscriber &s)
{
    m_loading = true;
    m_loaded = s;
    m_seen = s;
    m_touched.clear();
    m_showAll = false;
    m_civility->setCurrentIndex(qMax(0, m_civility->findText(s.civility)));
    if (m_civility->currentText() != s.civility && !s.civility.isEmpty()) {
        m_civility->addItem(s.civility);
        m_civility->setCurrentIndex(m_civility->count() - 1);
    }
    const QList<std::pair<QString, QString>> texts =
        {{name(F::FirstName), s.firstName}, {name(F::LastName), s.lastName},
         {name(F::Company), s.company},     {name(F::Line2), s.address.line2},
         {name(F::Line3), s.address.line3}, {name(F::Line4), s.address.line4},
         {name(F::Line5), s.address.line5}, {name(F::PostalCode), s.address.postalCode},
         {name(F::City), s.address.city},   {name(F::Country), s.address.country},
         {name(F::Email), s.email},         {name(F::Phone), s.phone}};
    for (const auto &[field, text] : texts)
        m_edits.value(field)->setText(text);
    m_notes->setPlainText(s.notes);
    m_loading = false;
    m_townsFor = QStringLiteral("-");
    {
        // Refresh the offered towns without auto-filling anything on a stored record.
        QLineEdit *city = m_edits.value(name(F::City));
        const QString keep = city->text();
        updateTowns();
        city->setText(keep);
    }
    m_touched.clear();
    for (QLabel *m : std::as_const(m_messages)) {
        m->clear();
        m->hide();
    }
    updateCounters();
    setModified(false);
}

Subscriber SubscriberForm::subscriber() const
{
    Subscriber s = m_loaded;
    auto text = [this](const char16_t *f) { return m_edits.value(name(f))->text(); };
    s.civility = m_civility->currentText();
    s.firstName = text(F::FirstName);
    s.lastName = text(F::LastName);
    s.company = text(F::Company);
    s.address.line2 = text(F::Line2);
    s.address.line3 = text(F::Line3);
    s.address.line4 = text(F::Line4);
    s.address.line5 = text(F::Line5);
    s.address.postalCode = text(F::PostalCode);
    s.address.city = text(F::City);
    s.address.country = text(F::Country);
    Validation::dropStaleInseeCode(s.address, m_loaded.address);
    s.email = text(F::Email);
    s.phone = text(F::Phone);
    s.notes = m_notes->toPlainText();
    return s;
}

QVariantMap SubscriberForm::values() const
{
    QVariantMap v;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it)
        v.insert(it.key(), (*it)->text());
    v.insert(name(F::Civility), m_civility->currentText());
    v.insert(kNotes, m_notes->toPlainText());
    return v;
}

QVariantMap SubscriberForm::valuesOf(const Subscriber &s)
{
    Subscriber copy = s;
    QVariantMap v;
    for (const char16_t *f :
         {F::Civility, F::FirstName, F::LastName, F::Company, F::Line2, F::Line3, F::Line4,
          F::Line5, F::PostalCode, F::City, F::Country, F::Email, F::Phone})
        v.insert(name(f), *fieldText(copy, name(f)));
    v.insert(kNotes, s.notes);
    return v;
}

Subscriber SubscriberForm::withValues(Subscriber s, const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        if (QString *text = fieldText(s, it.key()))
            *text = it.value().toString();
    return s;
}

void SubscriberForm::setValues(const QVariantMap &values)
{
    m_loading = true;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (QLineEdit *e = m_edits.value(it.key()))
            e->setText(it.value().toString());
    }
    if (values.contains(name(F::Civility))) {
        const QString c = values.value(name(F::Civility)).toString();
        int i = m_civility->findText(c);
        if (i < 0) {
            m_civility->addItem(c);
            i = m_civility->count() - 1;
        }
        m_civility->setCurrentIndex(i);
    }
    if (values.contains(kNotes))
        m_notes->setPlainText(values.value(kNotes).toString());
    m_loading = false;
    updateTowns();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_touched.insert(it.key());
    m_touched.insert(name(F::Line1));
    updateCounters();
    validate(false);
    setModified(true);
}

Issues SubscriberForm::validate(bool showAll)
{
    m_showAll = m_showAll || showAll;
    const Issues issues = Validation::validateSubscriber(subscriber());
    QHash<QString, QStringList> byField;
    for (const Issue &i : issues) {
        // Identity reasons without a field of their own belong next to the name.
        const QString field = m_messages.contains(i.field) ? i.field : name(F::LastName);
        byField[field] << i.message;
    }
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const bool show = m_showAll || m_touched.contains(it.key());
        const QStringList messages = show ? byField.value(it.key()) : QStringList();
        (*it)->setText(messages.join(u'\n'));
        (*it)->setVisible(!messages.isEmpty());
        (*it)->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    return issues;
}

void SubscriberForm::showIssues(const Issues &issues)
{
    m_showAll = true;
    for (const Issue &i : issues) {
        QLabel *m = m_messages.value(i.field, m_messages.value(name(F::LastName)));
        const QString text = m->text().isEmpty() ? i.message : m->text() + u'\n' + i.message;
        m->setText(text);
        m->setVisible(true);
    }
}

QString SubscriberForm::messageFor(const QString &field) const
{
    QLabel *m = m_messages.value(field);
    return m && !m->isHidden() ? m->text() : QString();
}

QWidget *SubscriberForm::firstField() const
{
    return m_edits.value(name(F::FirstName));
}

QWidget *SubscriberForm::fieldWidget(const QString &field) const
{
    if (field == name(F::Civility))
        return m_civility;
    if (field == kNotes)
        return m_notes;
    return m_edits.value(field);
}

} // namespace Relais::Ui
