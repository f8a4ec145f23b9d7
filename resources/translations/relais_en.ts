<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QObject</name>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>Relais</name>
    <message>
        <source>Relais</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>The desk database cannot be opened.

%1</source>
        <translation>The desk database cannot be opened.

%1</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>%1 is not a Relais database (%2).</source>
        <translation>%1 is not a Relais database (%2).</translation>
    </message>
    <message>
        <source>The issue date is missing or not a date (YYYY-MM-DD).</source>
        <translation>The issue date is missing or not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>%1 does not appear on %2 (%3); its issue days are %4.</source>
        <translation>%1 does not appear on %2 (%3); its issue days are %4.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Holiday address</source>
        <translation>Holiday address</translation>
    </message>
    <message>
        <source>Issue not received</source>
        <translation>Issue not received</translation>
    </message>
    <message>
        <source>Issue damaged</source>
        <translation>Issue damaged</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Subscriber created</source>
        <translation>Subscriber created</translation>
    </message>
    <message>
        <source>Subscriber changed</source>
        <translation>Subscriber changed</translation>
    </message>
    <message>
        <source>Subscription created</source>
        <translation>Subscription created</translation>
    </message>
    <message>
        <source>Subscription cancelled</source>
        <translation>Subscription cancelled</translation>
    </message>
    <message>
        <source>Subscription renewed</source>
        <translation>Subscription renewed</translation>
    </message>
    <message>
        <source>Subscription restarted</source>
        <translation>Subscription restarted</translation>
    </message>
    <message>
        <source>Subscription extended</source>
        <translation>Subscription extended</translation>
    </message>
    <message>
        <source>Hold added</source>
        <translation>Hold added</translation>
    </message>
    <message>
        <source>Holiday address added</source>
        <translation>Holiday address added</translation>
    </message>
    <message>
        <source>Complaint recorded</source>
        <translation>Complaint recorded</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civility</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Line 2 (apartment, floor)</source>
        <translation>Line 2 (apartment, floor)</translation>
    </message>
    <message>
        <source>Line 3 (building)</source>
        <translation>Line 3 (building)</translation>
    </message>
    <message>
        <source>Line 4 (number and street)</source>
        <translation>Line 4 (number and street)</translation>
    </message>
    <message>
        <source>Line 5 (lieu-dit, BP)</source>
        <translation>Line 5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>INSEE code</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Automatic renewal</source>
        <translation>Automatic renewal</translation>
    </message>
    <message>
        <source>Cancellation date</source>
        <translation>Cancellation date</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Compensation</translation>
    </message>
    <message>
        <source>Issues added</source>
        <translation>Issues added</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1: %2</source>
        <translation>Cannot read the schema version of %1: %2</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this program understands (%3). Install a newer Relais.</source>
        <translation>The database %1 has schema version %2, newer than this program understands (%3). Install a newer Relais.</translation>
    </message>
    <message>
        <source>Migration to schema version %1 failed</source>
        <translation>Migration to schema version %1 failed</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>The input is not valid.</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>This record already exists.</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>This record no longer exists.</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>end date pushed back</source>
        <translation>end date pushed back</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Another task is writing to the desk database; your change was not saved — nothing was lost. Try again in a moment.</source>
        <translation>Another task is writing to the desk database; your change was not saved — nothing was lost. Try again in a moment.</translation>
    </message>
    <message>
        <source>The desk database refused the change; it was not saved. If this happens again, tell your support team.</source>
        <translation>The desk database refused the change; it was not saved. If this happens again, tell your support team.</translation>
    </message>
    <message>
        <source>The same number or code was just recorded by another task; your change was not saved. Look the record up again and retry.</source>
        <translation>The same number or code was just recorded by another task; your change was not saved. Look the record up again and retry.</translation>
    </message>
    <message>
        <source>The disk that holds the desk database is full; your change was not saved. Free some space, then try again.</source>
        <translation>The disk that holds the desk database is full; your change was not saved. Free some space, then try again.</translation>
    </message>
    <message>
        <source>The desk database cannot be written to (the file or its folder is read-only); your change was not saved.</source>
        <translation>The desk database cannot be written to (the file or its folder is read-only); your change was not saved.</translation>
    </message>
    <message>
        <source>The disk could not read or write the desk database; your change was not saved. If this happens again, tell your support team.</source>
        <translation>The disk could not read or write the desk database; your change was not saved. If this happens again, tell your support team.</translation>
    </message>
    <message>
        <source>The desk database is damaged; your change was not saved. Tell your support team (relaisctl check says more).</source>
        <translation>The desk database is damaged; your change was not saved. Tell your support team (relaisctl check says more).</translation>
    </message>
    <message>
        <source>Cannot open %1.</source>
        <translation>Cannot open %1.</translation>
    </message>
    <message>
        <source>There is no open conflict number %1.</source>
        <translation>There is no open conflict number %1.</translation>
    </message>
    <message>
        <source>Operation %1 is not a rejected operation.</source>
        <translation>Operation %1 is not a rejected operation.</translation>
    </message>
    <message>
        <source>Cannot read %1 from the desk database: %2</source>
        <translation>Cannot read %1 from the desk database: %2</translation>
    </message>
    <message>
        <source>Moving away</source>
        <translation type="unfinished">Moving away</translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished">Price</translation>
    </message>
    <message>
        <source>No longer reads it</source>
        <translation type="unfinished">No longer reads it</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation type="unfinished">Unpaid</translation>
    </message>
    <message>
        <source>Death</source>
        <translation type="unfinished">Death</translation>
    </message>
    <message>
        <source>Delivery problems</source>
        <translation type="unfinished">Delivery problems</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished">Other</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>Another import is running on this desk; try again when it has finished.</source>
        <translation type="unfinished">Another import is running on this desk; try again when it has finished.</translation>
    </message>
    <message>
        <source>An import is running on this desk; sync goes on when it has finished.</source>
        <translation type="unfinished">An import is running on this desk; sync goes on when it has finished.</translation>
    </message>
    <message>
        <source>%1 is on a network file system (%2): a desk database must be on a disk of this computer, because SQLite needs shared memory that network file systems do not provide. Move it to a local folder.</source>
        <translation>%1 is on a network file system (%2): a desk database must be on a disk of this computer, because SQLite needs shared memory that network file systems do not provide. Move it to a local folder.</translation>
    </message>
    <message>
        <source>The file system that holds %1 cannot run SQLite&apos;s write-ahead log (WAL: it lacks shared memory or locks); the desk database needs it. Move the file to a local disk of this computer.</source>
        <translation>The file system that holds %1 cannot run SQLite&apos;s write-ahead log (WAL: it lacks shared memory or locks); the desk database needs it. Move the file to a local disk of this computer.</translation>
    </message>
    <message>
        <source>Upgrading the desk database failed (%1); it was left as it was. Tell your support team.</source>
        <translation>Upgrading the desk database failed (%1); it was left as it was. Tell your support team.</translation>
    </message>
</context>
<context>
    <name>Relais::AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>Relais::ChangeStartModel</name>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Subscriber</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>Relais::ComplaintTableModel</name>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Issues added</source>
        <translation>Issues added</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Relais::Csv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>The export was cancelled; no file was written.</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>Choose at least one column.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a column; the columns are: %2</source>
        <translation>&quot;%1&quot; is not a column; the columns are: %2</translation>
    </message>
    <message>
        <source>There is no export preset named &quot;%1&quot;; the presets are: %2</source>
        <translation>There is no export preset named &quot;%1&quot;; the presets are: %2</translation>
    </message>
    <message>
        <source>A preset name has 1 to 40 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>A preset name has 1 to 40 letters, digits, &apos;-&apos; or &apos;_&apos;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a built-in preset; choose another name.</source>
        <translation>&quot;%1&quot; is a built-in preset; choose another name.</translation>
    </message>
    <message>
        <source>There is no title with code %1.</source>
        <translation>There is no title with code %1.</translation>
    </message>
    <message>
        <source>The separator cannot be a quote or a line break.</source>
        <translation>The separator cannot be a quote or a line break.</translation>
    </message>
    <message>
        <source>%1 cannot be imported; nothing was written.</source>
        <translation>%1 cannot be imported; nothing was written.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>Skipping invalid rows needs a rejects file to keep them in.</source>
        <translation>Skipping invalid rows needs a rejects file to keep them in.</translation>
    </message>
    <message>
        <source>The mapping file must be a JSON object {&quot;column header&quot;: &quot;field&quot;} (%1).</source>
        <translation>The mapping file must be a JSON object {&quot;column header&quot;: &quot;field&quot;} (%1).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>not an object</translation>
    </message>
    <message>
        <source>The mapping names &quot;%1&quot; for column &quot;%2&quot;, which is not a field; the fields are: %3 (or &quot;&quot; to ignore the column).</source>
        <translation>The mapping names &quot;%1&quot; for column &quot;%2&quot;, which is not a field; the fields are: %3 (or &quot;&quot; to ignore the column).</translation>
    </message>
    <message>
        <source>The file is empty: a header row and at least one subscriber row are expected.</source>
        <translation>The file is empty: a header row and at least one subscriber row are expected.</translation>
    </message>
    <message>
        <source>The first line has a single column: no separator (; , tab or |) was found.</source>
        <translation>The first line has a single column: no separator (; , tab or |) was found.</translation>
    </message>
    <message>
        <source>This column and column &quot;%1&quot; both give the field %2.</source>
        <translation>This column and column &quot;%1&quot; both give the field %2.</translation>
    </message>
    <message>
        <source>No column gives the name: a last_name (nom), company (societe) or L1 column is needed.</source>
        <translation>No column gives the name: a last_name (nom), company (societe) or L1 column is needed.</translation>
    </message>
    <message>
        <source>No columns give the postal code and town: postal_code and city (code postal, ville), or L6, are needed.</source>
        <translation>No columns give the postal code and town: postal_code and city (code postal, ville), or L6, are needed.</translation>
    </message>
    <message>
        <source>No column gives the street: line4 (adresse, L4) or line5 (lieu-dit, L5) is needed.</source>
        <translation>No column gives the street: line4 (adresse, L4) or line5 (lieu-dit, L5) is needed.</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignored)</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>The import was cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>A drop (SUPPRESSION) row of a changes export: not imported.</source>
        <translation>A drop (SUPPRESSION) row of a changes export: not imported.</translation>
    </message>
    <message>
        <source>This row has %1 cells where the header has %2 columns (a missing or extra separator, or a line break inside an unquoted field).</source>
        <translation>This row has %1 cells where the header has %2 columns (a missing or extra separator, or a line break inside an unquoted field).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a spreadsheet formula, not a value.</source>
        <translation>&quot;%1&quot; is a spreadsheet formula, not a value.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subscriber number (a whole number above 0).</source>
        <translation>&quot;%1&quot; is not a subscriber number (a whole number above 0).</translation>
    </message>
    <message>
        <source>Line 6 of a French address is the 5-digit postal code followed by the town; &quot;%1&quot; is not.</source>
        <translation>Line 6 of a French address is the 5-digit postal code followed by the town; &quot;%1&quot; is not.</translation>
    </message>
    <message>
        <source>subscriber number %1 already appears on line %2</source>
        <translation>subscriber number %1 already appears on line %2</translation>
    </message>
    <message>
        <source>subscriber number %1 already exists</source>
        <translation>subscriber number %1 already exists</translation>
    </message>
    <message>
        <source>the same name, postal code and street already appear on line %1</source>
        <translation>the same name, postal code and street already appear on line %1</translation>
    </message>
    <message>
        <source>subscriber %1 has the same name, postal code and street</source>
        <translation>subscriber %1 has the same name, postal code and street</translation>
    </message>
    <message>
        <source>Not imported again: %1.</source>
        <translation>Not imported again: %1.</translation>
    </message>
    <message>
        <source>This row&apos;s address was a holiday address on the exported issue; it is imported as the subscriber&apos;s address.</source>
        <translation>This row&apos;s address was a holiday address on the exported issue; it is imported as the subscriber&apos;s address.</translation>
    </message>
    <message>
        <source>This desk has used its whole block of subscriber numbers. Connect to the server once to lease a new block.</source>
        <translation>This desk has used its whole block of subscriber numbers. Connect to the server once to lease a new block.</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2: %3</translation>
    </message>
    <message>
        <source>The file has a header but no subscriber rows.</source>
        <translation>The file has a header but no subscriber rows.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) are invalid; nothing was imported (use --skip-invalid --rejects FILE to import the others).</source>
        <translation>
            <numerusform>%1: %Ln row is invalid; nothing was imported (use --skip-invalid --rejects FILE to import the others).</numerusform>
            <numerusform>%1: %Ln rows are invalid; nothing was imported (use --skip-invalid --rejects FILE to import the others).</numerusform>
        </translation>
    </message>
    <message>
        <source>The first %1 reasons follow.</source>
        <translation>The first %1 reasons follow.</translation>
    </message>
    <message>
        <source>The file contains NUL bytes: it is a binary file (a spreadsheet in .xlsx or .ods form, or UTF-16 text), not CSV. Save it as CSV and try again.</source>
        <translation>The file contains NUL bytes: it is a binary file (a spreadsheet in .xlsx or .ods form, or UTF-16 text), not CSV. Save it as CSV and try again.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>The file cannot be read: %1</translation>
    </message>
    <message>
        <source>The file is in UTF-16. Save it as CSV in UTF-8 (or Windows-1252) and try again.</source>
        <translation>The file is in UTF-16. Save it as CSV in UTF-8 (or Windows-1252) and try again.</translation>
    </message>
    <message>
        <source>This field holds UTF-8 text but the file is Windows-1252 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</source>
        <translation>This field holds UTF-8 text but the file is Windows-1252 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</translation>
    </message>
    <message>
        <source>This field is not valid UTF-8 although the file is UTF-8 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</source>
        <translation>This field is not valid UTF-8 although the file is UTF-8 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</translation>
    </message>
    <message>
        <source>A quoted field opened on this line is never closed: a quote (&quot;) is missing, or one inside the text is not doubled.</source>
        <translation>A quoted field opened on this line is never closed: a quote (&quot;) is missing, or one inside the text is not doubled.</translation>
    </message>
    <message>
        <source>This line is longer than %1 bytes (or a quote is left open and runs on through the rest of the file); it is not a subscriber row.</source>
        <translation>This line is longer than %1 bytes (or a quote is left open and runs on through the rest of the file); it is not a subscriber row.</translation>
    </message>
    <message>
        <source>A quote (&quot;) appears inside a field that does not start with one. Put the whole field in quotes and double the quote inside it.</source>
        <translation>A quote (&quot;) appears inside a field that does not start with one. Put the whole field in quotes and double the quote inside it.</translation>
    </message>
    <message>
        <source>Text follows the closing quote of a field. A quote inside a quoted field must be doubled (&quot;&quot;).</source>
        <translation>Text follows the closing quote of a field. A quote inside a quoted field must be doubled (&quot;&quot;).</translation>
    </message>
    <message>
        <source>The file mixes encodings: some lines are UTF-8 and others are not (line %1 is UTF-8, line %2 is not). Save the whole file as UTF-8 and try again.</source>
        <translation>The file mixes encodings: some lines are UTF-8 and others are not (line %1 is UTF-8, line %2 is not). Save the whole file as UTF-8 and try again.</translation>
    </message>
    <message>
        <source>Line %1 has %2 characters even abbreviated; at most %3 fit on a label: %4</source>
        <translation>Line %1 has %2 characters even abbreviated; at most %3 fit on a label: %4</translation>
    </message>
    <message>
        <source>The country line has %1 characters; at most %2 fit on a label: %3</source>
        <translation>The country line has %1 characters; at most %2 fit on a label: %3</translation>
    </message>
    <message>
        <source>the spreadsheet could not be started</source>
        <translation>the spreadsheet could not be started</translation>
    </message>
    <message>
        <source>the spreadsheet was not started</source>
        <translation>the spreadsheet was not started</translation>
    </message>
    <message>
        <source>This column is not recognised. To import without it, add this line to a mapping file (--mapping FILE, a JSON object): {%1: &quot;&quot;}; or put the field it gives instead of &quot;&quot;. The fields are: %2.</source>
        <translation>This column is not recognised. To import without it, add this line to a mapping file (--mapping FILE, a JSON object): {%1: &quot;&quot;}; or put the field it gives instead of &quot;&quot;. The fields are: %2.</translation>
    </message>
    <message>
        <source>Line 6 starts with the postal code %1, but the postal code column says %2.</source>
        <translation>Line 6 starts with the postal code %1, but the postal code column says %2.</translation>
    </message>
</context>
<context>
    <name>Relais::Csv::Internal</name>
    <message>
        <source>%1 cannot be imported; nothing was written.</source>
        <translation>%1 cannot be imported; nothing was written.</translation>
    </message>
</context>
<context>
    <name>Relais::DeliveryChangeTableModel</name>
    <message>
        <source>end date pushed back</source>
        <translation>end date pushed back</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Missed issues</source>
        <translation>Missed issues</translation>
    </message>
</context>
<context>
    <name>Relais::DeskBackup</name>
    <message>
        <source>The backup %1 cannot be trusted; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite cannot open the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite integrity check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished">Cancelled.</translation>
    </message>
    <message>
        <source>Schema version %1; this program reads versions 1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version %1 in the file, %2 in the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown %1 &quot;%2&quot;: a desk database has no such thing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is not defined as a desk database defines it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds desk %1, the manifest names desk %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows cannot be counted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table %1: %2 rows in the file, %3 in the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest counts %1 tables; the schema has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no desk database at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished">The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>Cannot open the desk %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the desk %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk %1 has schema version %2; this program backs up versions 1 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1 to the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read back %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new backup %1 did not pass its verification; it was not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no backup file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its manifest %1 is missing (a backup is the file and its .json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its manifest %1 is not a Relais desk backup manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has %1 bytes; %2 were written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The verification was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its SHA-256 is not the one recorded when it was written: the file was changed or damaged since, or it is another file under this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk %1 is open in another program (the Relais window, a relaisctl sync). Close it, then restore again; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock the desk %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is of desk %2, and %3 is desk %4. Nothing was changed. Restore another desk&apos;s backup only on purpose (relaisctl restore --other-desk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore into %1 failed; the desk is as it was: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy in %1 does not read back as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::ExpiringModel</name>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Subscriber</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Auto-renewal</source>
        <translation>Auto-renewal</translation>
    </message>
</context>
<context>
    <name>Relais::Inbound</name>
    <message>
        <source>A row received from the server (%1 %2) has a number or code that a record made on this desk already uses. Nothing of this page was written; the desk&apos;s record keeps its number until a clerk changes it.</source>
        <translation>A row received from the server (%1 %2) has a number or code that a record made on this desk already uses. Nothing of this page was written; the desk&apos;s record keeps its number until a clerk changes it.</translation>
    </message>
    <message>
        <source>The server sent a row of an unknown table &quot;%1&quot;.</source>
        <translation>The server sent a row of an unknown table &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server sent a value of the wrong type for %1.%2.</source>
        <translation>The server sent a value of the wrong type for %1.%2.</translation>
    </message>
</context>
<context>
    <name>Relais::Print</name>
    <message>
        <source>With a left margin of %1 mm the labels end %2 mm from the left edge, past the 210 mm of an A4 sheet.</source>
        <translation>With a left margin of %1 mm the labels end %2 mm from the left edge, past the 210 mm of an A4 sheet.</translation>
    </message>
    <message>
        <source>With a top margin of %1 mm the labels end %2 mm from the top edge, past the 297 mm of an A4 sheet.</source>
        <translation>With a top margin of %1 mm the labels end %2 mm from the top edge, past the 297 mm of an A4 sheet.</translation>
    </message>
    <message>
        <source>The font size is between %1 and 16 pt.</source>
        <translation>The font size is between %1 and 16 pt.</translation>
    </message>
    <message>
        <source>A4, 3 x 7 labels of 63.5 x 38.1 mm (Avery L7160 and alike)</source>
        <translation>A4, 3 x 7 labels of 63.5 x 38.1 mm (Avery L7160 and alike)</translation>
    </message>
    <message>
        <source>A4, 2 x 7 labels of 99.1 x 38.1 mm (Avery L7163 and alike)</source>
        <translation>A4, 2 x 7 labels of 99.1 x 38.1 mm (Avery L7163 and alike)</translation>
    </message>
    <message>
        <source>There is no label layout named &quot;%1&quot;; the layouts are: %2</source>
        <translation>There is no label layout named &quot;%1&quot;; the layouts are: %2</translation>
    </message>
    <message>
        <source>Address labels</source>
        <translation>Address labels</translation>
    </message>
    <message>
        <source>the page cannot be drawn on</source>
        <translation>the page cannot be drawn on</translation>
    </message>
    <message>
        <source>the labels were not started</source>
        <translation>the labels were not started</translation>
    </message>
    <message>
        <source>Line %1 fits the %2 label only at %3 pt, below the legible %4 pt: %5</source>
        <translation>Line %1 fits the %2 label only at %3 pt, below the legible %4 pt: %5</translation>
    </message>
    <message>
        <source>Abroad</source>
        <translation>Abroad</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>At the subscriber&apos;s address (France)</source>
        <translation>At the subscriber&apos;s address (France)</translation>
    </message>
    <message>
        <source>At a holiday address</source>
        <translation>At a holiday address</translation>
    </message>
    <message>
        <source>The report cannot be drawn.</source>
        <translation>The report cannot be drawn.</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Issue report</translation>
    </message>
    <message>
        <source>none within a week</source>
        <translation>none within a week</translation>
    </message>
    <message>
        <source>Delivery points (labels)</source>
        <translation>Delivery points (labels)</translation>
    </message>
    <message>
        <source>Copies to print and deliver</source>
        <translation>Copies to print and deliver</translation>
    </message>
    <message>
        <source>Previous issue</source>
        <translation>Previous issue</translation>
    </message>
    <message>
        <source>Adds since the previous issue</source>
        <translation>Adds since the previous issue</translation>
    </message>
    <message>
        <source>Drops since the previous issue</source>
        <translation>Drops since the previous issue</translation>
    </message>
    <message>
        <source>Address changes since the previous issue</source>
        <translation>Address changes since the previous issue</translation>
    </message>
    <message>
        <source>Holds in force</source>
        <translation>Holds in force</translation>
    </message>
    <message>
        <source>Holiday addresses in force</source>
        <translation>Holiday addresses in force</translation>
    </message>
    <message>
        <source>Complaints about the previous issue: not received</source>
        <translation>Complaints about the previous issue: not received</translation>
    </message>
    <message>
        <source>Complaints about the previous issue: damaged</source>
        <translation>Complaints about the previous issue: damaged</translation>
    </message>
    <message>
        <source>Copies by delivery mode</source>
        <translation>Copies by delivery mode</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Copies by département (labels in brackets)</source>
        <translation>Copies by département (labels in brackets)</translation>
    </message>
    <message>
        <source>Checked before the print run — name, date and signature:</source>
        <translation>Checked before the print run — name, date and signature:</translation>
    </message>
    <message>
        <source>Relais, %1, clerk %2. The figures are those of the delivery list exported for this issue.</source>
        <translation>Relais, %1, clerk %2. The figures are those of the delivery list exported for this issue.</translation>
    </message>
    <message>
        <source>Issue report %1 %2</source>
        <translation>Issue report %1 %2</translation>
    </message>
</context>
<context>
    <name>Relais::Store</name>
    <message>
        <source>Local publisher</source>
        <translation>Local publisher</translation>
    </message>
    <message>
        <source>A title with code %1 already exists.</source>
        <translation>A title with code %1 already exists.</translation>
    </message>
    <message>
        <source>The offer&apos;s title does not exist.</source>
        <translation>The offer&apos;s title does not exist.</translation>
    </message>
    <message>
        <source>An offer with code %1 already exists.</source>
        <translation>An offer with code %1 already exists.</translation>
    </message>
    <message>
        <source>Subscriber number %1 is already taken.</source>
        <translation>Subscriber number %1 is already taken.</translation>
    </message>
    <message>
        <source>This subscriber does not exist.</source>
        <translation>This subscriber does not exist.</translation>
    </message>
    <message>
        <source>The offer does not exist.</source>
        <translation>The offer does not exist.</translation>
    </message>
    <message>
        <source>The recipient does not exist.</source>
        <translation>The recipient does not exist.</translation>
    </message>
    <message>
        <source>The payer does not exist.</source>
        <translation>The payer does not exist.</translation>
    </message>
    <message>
        <source>This subscription does not exist.</source>
        <translation>This subscription does not exist.</translation>
    </message>
    <message>
        <source>This subscription is already cancelled from %1.</source>
        <translation>This subscription is already cancelled from %1.</translation>
    </message>
    <message>
        <source>A cancelled subscription cannot be renewed; restart it first.</source>
        <translation>A cancelled subscription cannot be renewed; restart it first.</translation>
    </message>
    <message>
        <source>This subscription has no end date to renew from.</source>
        <translation>This subscription has no end date to renew from.</translation>
    </message>
    <message>
        <source>This subscription is not cancelled.</source>
        <translation>This subscription is not cancelled.</translation>
    </message>
    <message>
        <source>Schema version %1, expected %2.</source>
        <translation>Schema version %1, expected %2.</translation>
    </message>
    <message>
        <source>Integrity: %1</source>
        <translation>Integrity: %1</translation>
    </message>
    <message>
        <source>A row of %1 refers to a missing row of %2.</source>
        <translation>A row of %1 refers to a missing row of %2.</translation>
    </message>
    <message>
        <source>The search index does not match the subscribers: %1</source>
        <translation>The search index does not match the subscribers: %1</translation>
    </message>
    <message>
        <source>The outbox has gaps between desk sequence numbers %1 and %2.</source>
        <translation>The outbox has gaps between desk sequence numbers %1 and %2.</translation>
    </message>
    <message>
        <source>The desk sequence (%1) is behind the outbox (%2).</source>
        <translation>The desk sequence (%1) is behind the outbox (%2).</translation>
    </message>
    <message>
        <source>This hold or holiday address does not exist.</source>
        <translation>This hold or holiday address does not exist.</translation>
    </message>
</context>
<context>
    <name>Relais::SubscriberListModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>The database could not be opened for reading.</source>
        <translation>The database could not be opened for reading.</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
</context>
<context>
    <name>Relais::SubscriptionTableModel</name>
    <message>
        <source>open-ended</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <source>pays for %1</source>
        <translation>pays for %1</translation>
    </message>
    <message>
        <source>the recipient</source>
        <translation>the recipient</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Status today</source>
        <translation>Status today</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>%1, cancelled from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Sync::Credentials</name>
    <message>
        <source>The session is kept in the system keychain.</source>
        <translation>The session is kept in the system keychain.</translation>
    </message>
    <message>
        <source>The session is kept in a file only you can read (no keychain answered).</source>
        <translation>The session is kept in a file only you can read (no keychain answered).</translation>
    </message>
    <message>
        <source>No session is kept on this computer: log in at each start.</source>
        <translation>No session is kept on this computer: log in at each start.</translation>
    </message>
</context>
<context>
    <name>Relais::Sync::Engine</name>
    <message>
        <source>The server made no progress for several minutes; the round was abandoned and will be tried again.</source>
        <translation>The server made no progress for several minutes; the round was abandoned and will be tried again.</translation>
    </message>
    <message>
        <source>No progress for several minutes.</source>
        <translation>No progress for several minutes.</translation>
    </message>
    <message>
        <source>No server is configured.</source>
        <translation>No server is configured.</translation>
    </message>
    <message>
        <source>The server refused this user name and password.</source>
        <translation>The server refused this user name and password.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: the server asks to wait %n second(s).</source>
        <translation>
            <numerusform>Too many failed logins: the server asks to wait %Ln second.</numerusform>
            <numerusform>Too many failed logins: the server asks to wait %Ln seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>The server cannot be reached: %1</translation>
    </message>
    <message>
        <source>The server answered %1 to the login.</source>
        <translation>The server answered %1 to the login.</translation>
    </message>
    <message>
        <source>Logged out. Changes stay queued until the next login.</source>
        <translation>Logged out. Changes stay queued until the next login.</translation>
    </message>
    <message>
        <source>This is a demo desk: it is never synced with a server. Use a new desk file to work with the server.</source>
        <translation>This is a demo desk: it is never synced with a server. Use a new desk file to work with the server.</translation>
    </message>
    <message>
        <source>No server is configured for this desk.</source>
        <translation>No server is configured for this desk.</translation>
    </message>
    <message>
        <source>Log in to send this desk&apos;s changes; work goes on meanwhile.</source>
        <translation>Log in to send this desk&apos;s changes; work goes on meanwhile.</translation>
    </message>
    <message>
        <source>The server asks for a new login; changes stay queued and work goes on meanwhile.</source>
        <translation>The server asks for a new login; changes stay queued and work goes on meanwhile.</translation>
    </message>
    <message>
        <source>The desk database could not record what the server sent; nothing was lost and the round will be tried again. (%1)</source>
        <translation>The desk database could not record what the server sent; nothing was lost and the round will be tried again. (%1)</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1); changes stay queued.</source>
        <translation>The server cannot be reached (%1); changes stay queued.</translation>
    </message>
    <message>
        <source>The server is busy; changes stay queued.</source>
        <translation>The server is busy; changes stay queued.</translation>
    </message>
    <message>
        <source>The server failed (%1 %2); changes stay queued.</source>
        <translation>The server failed (%1 %2); changes stay queued.</translation>
    </message>
    <message>
        <source>The server refused %1 (%2 %3).</source>
        <translation>The server refused %1 (%2 %3).</translation>
    </message>
    <message>
        <source>the first copy</source>
        <translation>the first copy</translation>
    </message>
    <message>
        <source>The first copy was stopped; it goes on from here next time.</source>
        <translation>The first copy was stopped; it goes on from here next time.</translation>
    </message>
    <message numerus="yes">
        <source>The server was put back from a backup and had lost %n of this desk&apos;s changes; they were sent again.</source>
        <translation>
            <numerusform>The server was put back from a backup and had lost %Ln of this desk&apos;s changes; it was sent again.</numerusform>
            <numerusform>The server was put back from a backup and had lost %Ln of this desk&apos;s changes; they were sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) acknowledged before the backup are no longer on this desk either: see the journal.</source>
        <translation>
            <numerusform>%Ln change acknowledged before the backup is no longer on this desk either: see the journal.</numerusform>
            <numerusform>%Ln changes acknowledged before the backup are no longer on this desk either: see the journal.</numerusform>
        </translation>
    </message>
    <message>
        <source>the exchange</source>
        <translation>the exchange</translation>
    </message>
    <message>
        <source>Sync stopped; changes stay queued.</source>
        <translation>Sync stopped; changes stay queued.</translation>
    </message>
    <message>
        <source>the changes sent</source>
        <translation>the changes sent</translation>
    </message>
    <message>
        <source>the subscriber numbers</source>
        <translation>the subscriber numbers</translation>
    </message>
    <message>
        <source>Sync stopped.</source>
        <translation>Sync stopped.</translation>
    </message>
    <message>
        <source>the changes received</source>
        <translation>the changes received</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a clerk: see the sync panel.</source>
        <translation>
            <numerusform>%Ln change needs a clerk: see the sync panel.</numerusform>
            <numerusform>%Ln changes need a clerk: see the sync panel.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no open conflict number %1.</source>
        <translation>There is no open conflict number %1.</translation>
    </message>
    <message>
        <source>Operation %1 is not a rejected operation.</source>
        <translation>Operation %1 is not a rejected operation.</translation>
    </message>
    <message numerus="yes">
        <source>This desk&apos;s file is an older copy of itself (restored from a backup, or copied to another computer): it now goes on as a new desk. %n of its changes, made on this copy only, will be sent under the new desk.</source>
        <translation>
            <numerusform>This desk&apos;s file is an older copy of itself (restored from a backup, or copied to another computer): it now goes on as a new desk. %Ln of its changes, made on this copy only, will be sent under the new desk.</numerusform>
            <numerusform>This desk&apos;s file is an older copy of itself (restored from a backup, or copied to another computer): it now goes on as a new desk. %Ln of its changes, made on this copy only, will be sent under the new desk.</numerusform>
        </translation>
    </message>
    <message>
        <source>The session has expired: log in again. Work goes on meanwhile; changes wait in the queue.</source>
        <translation>The session has expired: log in again. Work goes on meanwhile; changes wait in the queue.</translation>
    </message>
    <message>
        <source>Log in to see the desks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a new login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator sees the desks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Sync::HttpClient</name>
    <message>
        <source>No answer within the time allowed.</source>
        <translation>No answer within the time allowed.</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS error</translation>
    </message>
    <message>
        <source>The server closed the connection before answering.</source>
        <translation>The server closed the connection before answering.</translation>
    </message>
    <message>
        <source>The server&apos;s answer has a header too large to be an answer of Relais.</source>
        <translation>The server&apos;s answer has a header too large to be an answer of Relais.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not HTTP.</source>
        <translation>The server&apos;s answer is not HTTP.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is malformed (chunk size).</source>
        <translation>The server&apos;s answer is malformed (chunk size).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is malformed (length).</source>
        <translation>The server&apos;s answer is malformed (length).</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::AddressFields</name>
    <message>
        <source>Towns for %1: %2</source>
        <translation type="unfinished">Towns for %1: %2</translation>
    </message>
    <message>
        <source>Line &amp;2 (apartment, floor, c/o)</source>
        <translation type="unfinished">Line &amp;2 (apartment, floor, c/o)</translation>
    </message>
    <message>
        <source>Line &amp;3 (building, residence)</source>
        <translation type="unfinished">Line &amp;3 (building, residence)</translation>
    </message>
    <message>
        <source>Line &amp;4 (number and street)</source>
        <translation type="unfinished">Line &amp;4 (number and street)</translation>
    </message>
    <message>
        <source>Line &amp;5 (lieu-dit, BP)</source>
        <translation type="unfinished">Line &amp;5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal c&amp;ode</source>
        <translation type="unfinished">Postal c&amp;ode</translation>
    </message>
    <message>
        <source>To&amp;wn</source>
        <translation type="unfinished">To&amp;wn</translation>
    </message>
    <message>
        <source>Postal code and town as printed on line 6</source>
        <translation type="unfinished">Postal code and town as printed on line 6</translation>
    </message>
    <message>
        <source>Line 6</source>
        <translation type="unfinished">Line 6</translation>
    </message>
    <message>
        <source>Countr&amp;y (empty for France)</source>
        <translation type="unfinished">Countr&amp;y (empty for France)</translation>
    </message>
    <message>
        <source>(postal code and town)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::BackupDialog</name>
    <message>
        <source>Backups of the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relais backs the desk up when the window closes and once a day, into %1. Seven daily and four weekly backups are kept. Each is verified when it is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do &amp;not restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also copy to (a share, a USB disk):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No second copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is verified. Relais restores it when it starts again. Close Relais now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: its manifest is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 will be restored when Relais starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the backup of %1?

The desk goes back to that moment. Changes made since that were already sent are brought back from the server at the next sync; changes never sent are lost. The current desk file is kept aside. Relais restores the backup when it starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup before the restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup cannot be restored; nothing was changed.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup did not pass its verification.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore will run when Relais starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No restore at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second folder for the backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the desk from its backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 was not restored; the desk is as it was.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk is back as it was on %1. The file as it was before is kept as %2.

At the next sync the desk sends its queued changes and brings back what the server holds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::BackupService</name>
    <message>
        <source>The backup was cancelled; the previous backups are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest backup already holds the desk as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 is made and verified, but its copy to the second folder failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup made and verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the desk before closing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::CancelDialog</name>
    <message>
        <source>Cancel subscription</source>
        <translation>Cancel subscription</translation>
    </message>
    <message>
        <source>&amp;Now: the last issue delivered is the one before %1</source>
        <translation>&amp;Now: the last issue delivered is the one before %1</translation>
    </message>
    <message>
        <source>At the &amp;end of the term (last issue on %1)</source>
        <translation>At the &amp;end of the term (last issue on %1)</translation>
    </message>
    <message>
        <source>At the &amp;end of the term (this subscription has none)</source>
        <translation>At the &amp;end of the term (this subscription has none)</translation>
    </message>
    <message>
        <source>From a &amp;date (first issue not delivered):</source>
        <translation>From a &amp;date (first issue not delivered):</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Cancel the subscription</source>
        <translation>Cancel the subscription</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Keep it</translation>
    </message>
    <message>
        <source>Delivered up to %1 inclusive.</source>
        <translation>Delivered up to %1 inclusive.</translation>
    </message>
    <message>
        <source>Choose when the subscription stops: now, at the end of the term or from a date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ChartWidget</name>
    <message>
        <source>Starts and stops per week</source>
        <translation>Starts and stops per week</translation>
    </message>
    <message>
        <source>week of %1: %2 starts, %3 stops</source>
        <translation>week of %1: %2 starts, %3 stops</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Stops</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ComplaintDialog</name>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>&amp;Issue of</source>
        <translation>&amp;Issue of</translation>
    </message>
    <message>
        <source>&amp;Complaint</source>
        <translation>&amp;Complaint</translation>
    </message>
    <message>
        <source>&amp;Push the end back by</source>
        <translation>&amp;Push the end back by</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Record the complaint</source>
        <translation>Record the complaint</translation>
    </message>
    <message numerus="yes">
        <source> issue(s)</source>
        <comment>after a number</comment>
        <translation>
            <numerusform> issue</numerusform>
            <numerusform> issues</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ConflictDialog</name>
    <message>
        <source>Settle a conflict</source>
        <translation>Settle a conflict</translation>
    </message>
    <message>
        <source>Someone else changed these fields on the server after you began your change. Choose, field by field, the value to keep; your choice is sent to the server.</source>
        <translation>Someone else changed these fields on the server after you began your change. Choose, field by field, the value to keep; your choice is sent to the server.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Now on the server</source>
        <translation>Now on the server</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>The server&apos;s</source>
        <translation>The server&apos;s</translation>
    </message>
    <message>
        <source>&amp;Keep these values</source>
        <translation>&amp;Keep these values</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DateField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A date as dd/mm/yyyy; 2/8/27, 02082027 and 2027-08-02 are read too. Up and Down: a day later or earlier; Alt+Down: the calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date as dd/mm/yyyy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date: type it as dd/mm/yyyy (for example %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is outside the dates accepted here (%2 to %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DeliveryChangeDialog</name>
    <message>
        <source>Hold deliveries</source>
        <translation>Hold deliveries</translation>
    </message>
    <message>
        <source>Holiday address</source>
        <translation>Holiday address</translation>
    </message>
    <message>
        <source>&amp;From (inclusive)</source>
        <translation>&amp;From (inclusive)</translation>
    </message>
    <message>
        <source>&amp;To (inclusive)</source>
        <translation>&amp;To (inclusive)</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <source>Push the end date back by the issues missed</source>
        <translation>Push the end date back by the issues missed</translation>
    </message>
    <message>
        <source>&amp;Missed issues</source>
        <translation>&amp;Missed issues</translation>
    </message>
    <message>
        <source>Add the hold</source>
        <translation>Add the hold</translation>
    </message>
    <message>
        <source>Add the address</source>
        <translation>Add the address</translation>
    </message>
    <message>
        <source>Saved now (cut-off %1 for %2), a change first reaches the issue of %3.</source>
        <translation>Saved now (cut-off %1 for %2), a change first reaches the issue of %3.</translation>
    </message>
    <message>
        <source>Issues before %1 have already gone to the mailing house: this one starts in practice with the issue of %2.</source>
        <translation>Issues before %1 have already gone to the mailing house: this one starts in practice with the issue of %2.</translation>
    </message>
    <message>
        <source>First issue concerned: %1.</source>
        <translation>First issue concerned: %1.</translation>
    </message>
    <message>
        <source>Change the dates of the hold</source>
        <translation>Change the dates of the hold</translation>
    </message>
    <message>
        <source>Change the dates of the holiday address</source>
        <translation>Change the dates of the holiday address</translation>
    </message>
    <message>
        <source>Change the dates</source>
        <translation>Change the dates</translation>
    </message>
    <message>
        <source>&lt;b&gt;Holiday address&lt;/b&gt; (NF Z10-011, 38 characters per line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DeskStatus</name>
    <message>
        <source>Local only</source>
        <translation>Local only</translation>
    </message>
    <message>
        <source>No server is configured: this desk works on its own file.</source>
        <translation>No server is configured: this desk works on its own file.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The server cannot be reached. Work goes on; changes wait in the queue.</source>
        <translation>The server cannot be reached. Work goes on; changes wait in the queue.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Desk: %1</translation>
    </message>
    <message>
        <source>Queue unknown</source>
        <translation>Queue unknown</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) queued</source>
        <translation>
            <numerusform>%Ln change queued</numerusform>
            <numerusform>%Ln changes queued</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Login needed</source>
        <translation>Login needed</translation>
    </message>
    <message>
        <source>Next try at %1.</source>
        <translation>Next try at %1.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Sending %L1 of %L2</source>
        <translation>Sending %L1 of %L2</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>First copy: %L1 of %L2 rows</source>
        <translation>First copy: %L1 of %L2 rows</translation>
    </message>
    <message>
        <source>First copy: %L1 rows</source>
        <translation>First copy: %L1 rows</translation>
    </message>
    <message>
        <source>Receiving %L1</source>
        <translation>Receiving %L1</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Receiving…</translation>
    </message>
    <message>
        <source>Up to date with the server (change %L1) at %2.</source>
        <translation>Up to date with the server (change %L1) at %2.</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention: %n</source>
        <translation>
            <numerusform>Needs attention: %Ln</numerusform>
            <numerusform>Needs attention: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Work goes on; changes wait until you log in (Sync menu).</source>
        <translation>Work goes on; changes wait until you log in (Sync menu).</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber number(s) left</source>
        <translation>
            <numerusform>%Ln subscriber number left</numerusform>
            <numerusform>%Ln subscriber numbers left</numerusform>
        </translation>
    </message>
    <message>
        <source>Numbers for new subscribers come in blocks from the server. Connect before they run out; offline, new subscribers wait for a number.</source>
        <translation>Numbers for new subscribers come in blocks from the server. Connect before they run out; offline, new subscribers wait for a number.</translation>
    </message>
    <message numerus="yes">
        <source>Clock off by %n min</source>
        <translation>
            <numerusform>Clock off by %Ln min</numerusform>
            <numerusform>Clock off by %Ln min</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from the server&apos;s: dates of changes may be wrong. Ask your support team to set the time.</source>
        <translation>This computer&apos;s clock differs from the server&apos;s: dates of changes may be wrong. Ask your support team to set the time.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DesksWindow</name>
    <message>
        <source>Desks at a glance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest queued change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock skew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desk is &lt;b&gt;late&lt;/b&gt; when changes it had queued before the last cut-off of a title have not reached the server since: they miss that issue&apos;s labels. Call the desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished">&amp;Refresh</translation>
    </message>
    <message>
        <source>This desk does not sync with a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk %1, registered %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the desk reported it on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (old)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n desk(s), as the server saw them at %1.</source>
        <translation>
            <numerusform>%Ln desk, as the server saw it at %1.</numerusform>
            <numerusform>%Ln desks, as the server saw them at %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last cut-off: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n desk(s) late.</source>
        <translation>
            <numerusform>%Ln desk late.</numerusform>
            <numerusform>%Ln desks late.</numerusform>
        </translation>
    </message>
    <message>
        <source>never reported</source>
        <translation>never reported</translation>
    </message>
    <message>
        <source>The desk registered on %1 and has never reported what it holds.</source>
        <translation>The desk registered on %1 and has never reported what it holds.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ExportDialog</name>
    <message>
        <source>Export for the mailing house</source>
        <translation>Export for the mailing house</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>&amp;Issue date</source>
        <translation>&amp;Issue date</translation>
    </message>
    <message>
        <source>routeur (address labels for the mailing house)</source>
        <translation>routeur (address labels for the mailing house)</translation>
    </message>
    <message>
        <source>complet (every field)</source>
        <translation>complet (every field)</translation>
    </message>
    <message>
        <source>Column &amp;set</source>
        <translation>Column &amp;set</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 with BOM</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Windows-1252</source>
        <translation>Windows-1252</translation>
    </message>
    <message>
        <source>&amp;Encoding</source>
        <translation>&amp;Encoding</translation>
    </message>
    <message>
        <source>&amp;Only the changes since the issue of</source>
        <translation>&amp;Only the changes since the issue of</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>&amp;Cancel the export</source>
        <translation>&amp;Cancel the export</translation>
    </message>
    <message>
        <source>%1 lines written…</source>
        <translation>%1 lines written…</translation>
    </message>
    <message>
        <source>This desk has no title to export.</source>
        <translation>This desk has no title to export.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Choose the file to write.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>The export stopped unexpectedly; no file was written.</source>
        <translation>The export stopped unexpectedly; no file was written.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export finished:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Export finished:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Rows: %1, copies: %2</source>
        <translation>Rows: %1, copies: %2</translation>
    </message>
    <message>
        <source>Added: %1, dropped: %2</source>
        <translation>Added: %1, dropped: %2</translation>
    </message>
    <message>
        <source>Addresses too long for a label: %1, listed in %2</source>
        <translation>Addresses too long for a label: %1, listed in %2</translation>
    </message>
    <message>
        <source>No address too long for a label.</source>
        <translation>No address too long for a label.</translation>
    </message>
    <message>
        <source>Streets abbreviated: %1</source>
        <translation>Streets abbreviated: %1</translation>
    </message>
    <message>
        <source>Characters replaced for Windows-1252: %1</source>
        <translation>Characters replaced for Windows-1252: %1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
    <message>
        <source>CSV for the mailing house</source>
        <translation>CSV for the mailing house</translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx): postal codes and numbers kept as text</source>
        <translation>Spreadsheet (.xlsx): postal codes and numbers kept as text</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx);;All files (*)</source>
        <translation>Spreadsheets (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Sheets of address labels (PDF)</source>
        <translation>Sheets of address labels (PDF)</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>&amp;top</source>
        <translation>&amp;top</translation>
    </message>
    <message>
        <source>le&amp;ft</source>
        <translation>le&amp;ft</translation>
    </message>
    <message>
        <source>&amp;Labels, margins</source>
        <translation>&amp;Labels, margins</translation>
    </message>
    <message>
        <source>&amp;Print the labels…</source>
        <translation>&amp;Print the labels…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF files (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>Address labels</source>
        <translation>Address labels</translation>
    </message>
    <message>
        <source>Print the labels</source>
        <translation>Print the labels</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Labels sent to the printer.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Labels sent to the printer.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Issue &amp;report (PDF)</source>
        <translation>Issue &amp;report (PDF)</translation>
    </message>
    <message>
        <source>The page to sign before the print run: copies by département and delivery mode, adds and drops, holds, holiday addresses, complaints.</source>
        <translation>The page to sign before the print run: copies by département and delivery mode, adds and drops, holds, holiday addresses, complaints.</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Issue report</translation>
    </message>
    <message>
        <source>%1-%2-report.pdf</source>
        <translation>%1-%2-report.pdf</translation>
    </message>
    <message>
        <source>Writing the issue report…</source>
        <translation>Writing the issue report…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Issue report written:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Issue report written:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ImportDialog</name>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 with BOM</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Windows-1252</source>
        <translation>Windows-1252</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>Import subscribers</source>
        <translation>Import subscribers</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Columns (the field each one feeds) and the first rows:</source>
        <translation>Columns (the field each one feeds) and the first rows:</translation>
    </message>
    <message>
        <source>Check &amp;only (dry run: nothing is written)</source>
        <translation>Check &amp;only (dry run: nothing is written)</translation>
    </message>
    <message>
        <source>&amp;Skip invalid rows, writing them to</source>
        <translation>&amp;Skip invalid rows, writing them to</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>&amp;Cancel the import</source>
        <translation>&amp;Cancel the import</translation>
    </message>
    <message>
        <source>Import subscribers from</source>
        <translation>Import subscribers from</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Encoding: %1; separator: %2; %3 columns</source>
        <translation>Encoding: %1; separator: %2; %3 columns</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignored)</translation>
    </message>
    <message>
        <source>(unknown: choose a field)</source>
        <translation>(unknown: choose a field)</translation>
    </message>
    <message>
        <source>Some columns are not recognised: choose their field or ignore them.</source>
        <translation>Some columns are not recognised: choose their field or ignore them.</translation>
    </message>
    <message>
        <source>Choose the file the invalid rows go to.</source>
        <translation>Choose the file the invalid rows go to.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>The import stopped unexpectedly; nothing was written.</source>
        <translation>The import stopped unexpectedly; nothing was written.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check finished&lt;/b&gt; (nothing was written).</source>
        <translation>&lt;b&gt;Check finished&lt;/b&gt; (nothing was written).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Import finished.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>Rows read: %1</translation>
    </message>
    <message>
        <source>Subscribers that would be created: %1</source>
        <translation>Subscribers that would be created: %1</translation>
    </message>
    <message>
        <source>Subscribers created: %1</source>
        <translation>Subscribers created: %1</translation>
    </message>
    <message>
        <source>Duplicates (already there, not created): %1</source>
        <translation>Duplicates (already there, not created): %1</translation>
    </message>
    <message>
        <source>Invalid rows skipped: %1, written to %2</source>
        <translation>Invalid rows skipped: %1, written to %2</translation>
    </message>
    <message>
        <source>Some rows are invalid (listed below); nothing was imported. To import the valid rows, tick &quot;Skip invalid rows&quot;.</source>
        <translation>Some rows are invalid (listed below); nothing was imported. To import the valid rows, tick &quot;Skip invalid rows&quot;.</translation>
    </message>
    <message>
        <source>Line 1 (civility, first and last name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line 6 (postal code and town)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSEE commune code (checked against the postal code, kept with the address)</source>
        <translation>INSEE commune code (checked against the postal code, kept with the address)</translation>
    </message>
    <message>
        <source>I&amp;gnore the columns not recognised</source>
        <translation>I&amp;gnore the columns not recognised</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::LoginDialog</name>
    <message>
        <source>Log in to the server</source>
        <translation>Log in to the server</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Log &amp;in</source>
        <translation>Log &amp;in</translation>
    </message>
    <message>
        <source>The password is sent to the server once; only the session it opens is kept on this computer.</source>
        <translation>The password is sent to the server once; only the session it opens is kept on this computer.</translation>
    </message>
    <message>
        <source>The server address starts with https:// (for example https://relais.example.fr).</source>
        <translation>The server address starts with https:// (for example https://relais.example.fr).</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Type your user name and password.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New subscriber</source>
        <translation>&amp;New subscriber</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Find a subscriber</source>
        <translation>&amp;Find a subscriber</translation>
    </message>
    <message>
        <source>Go to the &amp;results</source>
        <translation>Go to the &amp;results</translation>
    </message>
    <message>
        <source>&amp;Refresh the list</source>
        <translation>&amp;Refresh the list</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>&amp;Identity and address</source>
        <translation>&amp;Identity and address</translation>
    </message>
    <message>
        <source>&amp;Subscriptions</source>
        <translation>&amp;Subscriptions</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Timeline</translation>
    </message>
    <message>
        <source>Su&amp;bscriptions</source>
        <translation>Su&amp;bscriptions</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>&amp;Lists</translation>
    </message>
    <message>
        <source>&amp;Worklists…</source>
        <translation>&amp;Worklists…</translation>
    </message>
    <message>
        <source>&amp;Overview…</source>
        <translation>&amp;Overview…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Relais</source>
        <translation>&amp;About Relais</translation>
    </message>
    <message>
        <source>About Relais</source>
        <translation>About Relais</translation>
    </message>
    <message>
        <source>&lt;b&gt;Relais&lt;/b&gt; %1&lt;br&gt;Subscriptions and deliveries, online or not.&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;Relais&lt;/b&gt; %1&lt;br&gt;Subscriptions and deliveries, online or not.&lt;br&gt;Database: %2</translation>
    </message>
    <message>
        <source>Relais — %1</source>
        <translation>Relais — %1</translation>
    </message>
    <message>
        <source>&amp;Import subscribers…</source>
        <translation>&amp;Import subscribers…</translation>
    </message>
    <message>
        <source>E&amp;xport for the mailing house…</source>
        <translation>E&amp;xport for the mailing house…</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s) imported.</source>
        <translation>
            <numerusform>%Ln subscriber imported.</numerusform>
            <numerusform>%Ln subscribers imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Sync &amp;panel…</source>
        <translation>Sync &amp;panel…</translation>
    </message>
    <message>
        <source>&amp;Conflicts and refused changes…</source>
        <translation>&amp;Conflicts and refused changes…</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>&amp;Log in…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>Sending the last changes…</source>
        <translation>Sending the last changes…</translation>
    </message>
    <message>
        <source>Changes queued</source>
        <translation>Changes queued</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not reach the server yet. They are saved on this desk and will be sent at the next start.</source>
        <translation>
            <numerusform>%Ln change could not reach the server yet. It is saved on this desk and will be sent at the next start.</numerusform>
            <numerusform>%Ln changes could not reach the server yet. They are saved on this desk and will be sent at the next start.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Enter saves the record, Esc drops its changes. In the search field, Down goes to the results and Enter opens the first one.&lt;/p&gt;&lt;p&gt;In a date field, type the whole date (02/08/2027, 2/8/27, 02082027); Up and Down change it by a day, Alt+Down opens the calendar.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Desks at a glance…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::OverviewDialog</name>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active subscribers per title today&lt;/b&gt;</source>
        <translation>&lt;b&gt;Active subscribers per title today&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Active subscribers</source>
        <translation>Active subscribers</translation>
    </message>
    <message>
        <source>&lt;b&gt;Starts and stops per week&lt;/b&gt; (last 12 weeks)</source>
        <translation>&lt;b&gt;Starts and stops per week&lt;/b&gt; (last 12 weeks)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>The overview could not be computed.</source>
        <translation>The overview could not be computed.</translation>
    </message>
    <message numerus="yes">
        <source>On %1: %2 active subscribers summed over %n title(s).</source>
        <translation>
            <numerusform>On %1: %2 active subscribers summed over %Ln title.</numerusform>
            <numerusform>On %1: %2 active subscribers summed over %Ln titles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Ui::RecordView</name>
    <message>
        <source>Ti&amp;meline</source>
        <translation>Ti&amp;meline</translation>
    </message>
    <message>
        <source>Cancel changes</source>
        <translation>Cancel changes</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Cancel changes</source>
        <translation>&amp;Cancel changes</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>The record of %1 has changes that are not saved. Save them?</source>
        <translation>The record of %1 has changes that are not saved. Save them?</translation>
    </message>
    <message>
        <source>Changes typed earlier and never saved were restored. Save them (Ctrl+S) or drop them (Esc).</source>
        <translation>Changes typed earlier and never saved were restored. Save them (Ctrl+S) or drop them (Esc).</translation>
    </message>
    <message>
        <source>&lt;i&gt;No subscriber selected. Search (Ctrl+F) or create one (Ctrl+N).&lt;/i&gt;</source>
        <translation>&lt;i&gt;No subscriber selected. Search (Ctrl+F) or create one (Ctrl+N).&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;New subscriber&lt;/b&gt;</source>
        <translation>&lt;b&gt;New subscriber&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;No. %1 — %2&lt;/b&gt;</source>
        <translation>&lt;b&gt;No. %1 — %2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(modified, not saved)</source>
        <translation>(modified, not saved)</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n problem(s) to correct.</source>
        <translation>
            <numerusform>Not saved: %Ln problem to correct.</numerusform>
            <numerusform>Not saved: %Ln problems to correct.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Subscriber no. %1 created and saved.</source>
        <translation>Subscriber no. %1 created and saved.</translation>
    </message>
    <message>
        <source>Subscriber no. %1 saved.</source>
        <translation>Subscriber no. %1 saved.</translation>
    </message>
    <message>
        <source>New record dropped.</source>
        <translation>New record dropped.</translation>
    </message>
    <message>
        <source>Changes dropped.</source>
        <translation>Changes dropped.</translation>
    </message>
    <message>
        <source>the new subscriber</source>
        <translation>the new subscriber</translation>
    </message>
    <message>
        <source>I&amp;dentity and address</source>
        <translation>I&amp;dentity and address</translation>
    </message>
    <message>
        <source>S&amp;ubscriptions</source>
        <translation>S&amp;ubscriptions</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>%1 from the issue of %2</source>
        <translation>%1 from the issue of %2</translation>
    </message>
    <message>
        <source>Saved now, the new address reaches: %1.</source>
        <translation>Saved now, the new address reaches: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Number pending — %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Number pending — %1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SearchPane</name>
    <message>
        <source>Search: name, number, postal code, town, e-mail, phone (Ctrl+F)</source>
        <translation>Search: name, number, postal code, town, e-mail, phone (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
        <source>%1 subscriber(s)</source>
        <translation>
            <numerusform>%1 subscriber</numerusform>
            <numerusform>%1 subscribers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 result(s) (%2 ms)</source>
        <translation>
            <numerusform>%1 result (%2 ms)</numerusform>
            <numerusform>%1 results (%2 ms)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 results, not ranked: type more to see the best first (%2 ms)</source>
        <translation>%1 results, not ranked: type more to see the best first (%2 ms)</translation>
    </message>
    <message>
        <source>More than %1 results, not ranked: type more to see the best first (%2 ms)</source>
        <translation>More than %1 results, not ranked: type more to see the best first (%2 ms)</translation>
    </message>
    <message>
        <source>First copy from the server under way: the list and the search are complete once it ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SettingsDialog</name>
    <message>
        <source>A desk needs a name: it appears in the audit of every change.</source>
        <translation>A desk needs a name: it appears in the audit of every change.</translation>
    </message>
    <message>
        <source>The server address is a web address such as https://relais.example.fr.</source>
        <translation>The server address is a web address such as https://relais.example.fr.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriberForm</name>
    <message>
        <source>&lt;b&gt;Identity&lt;/b&gt;</source>
        <translation>&lt;b&gt;Identity&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civility</translation>
    </message>
    <message>
        <source>Line 1</source>
        <translation>Line 1</translation>
    </message>
    <message>
        <source>INSEE code: %1</source>
        <translation>INSEE code: %1</translation>
    </message>
    <message>
        <source>INSEE code: none (%1 is not a commune of this postal code and town)</source>
        <translation>INSEE code: none (%1 is not a commune of this postal code and town)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Postal address&lt;/b&gt; (NF Z10-011, 38 characters per line)</source>
        <translation>&lt;b&gt;Postal address&lt;/b&gt; (NF Z10-011, 38 characters per line)</translation>
    </message>
    <message>
        <source>Line &amp;2 (apartment, floor, c/o)</source>
        <translation>Line &amp;2 (apartment, floor, c/o)</translation>
    </message>
    <message>
        <source>Line &amp;3 (building, residence)</source>
        <translation>Line &amp;3 (building, residence)</translation>
    </message>
    <message>
        <source>Line &amp;4 (number and street)</source>
        <translation>Line &amp;4 (number and street)</translation>
    </message>
    <message>
        <source>Line &amp;5 (lieu-dit, BP)</source>
        <translation>Line &amp;5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal c&amp;ode</source>
        <translation>Postal c&amp;ode</translation>
    </message>
    <message>
        <source>Line 6</source>
        <translation>Line 6</translation>
    </message>
    <message>
        <source>&lt;b&gt;Contact&lt;/b&gt;</source>
        <translation>&lt;b&gt;Contact&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(from the name)</source>
        <translation>(from the name)</translation>
    </message>
    <message>
        <source>Postal code and town as printed on line 6</source>
        <translation>Postal code and town as printed on line 6</translation>
    </message>
    <message>
        <source>Ci&amp;vility</source>
        <translation>Ci&amp;vility</translation>
    </message>
    <message>
        <source>First &amp;name</source>
        <translation>First &amp;name</translation>
    </message>
    <message>
        <source>Las&amp;t name</source>
        <translation>Las&amp;t name</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Company</translation>
    </message>
    <message>
        <source>To&amp;wn</source>
        <translation>To&amp;wn</translation>
    </message>
    <message>
        <source>Countr&amp;y (empty for France)</source>
        <translation>Countr&amp;y (empty for France)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>(postal code and town)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriptionDialog</name>
    <message>
        <source>New subscription for %1</source>
        <translation>New subscription for %1</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>&amp;Offer</source>
        <translation>&amp;Offer</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Copies</source>
        <translation>&amp;Copies</translation>
    </message>
    <message>
        <source>Renew automatically at the end of the term</source>
        <translation>Renew automatically at the end of the term</translation>
    </message>
    <message>
        <source>Paid by another subscriber (gift, company)</source>
        <translation>Paid by another subscriber (gift, company)</translation>
    </message>
    <message>
        <source>Payer&apos;s subscriber number</source>
        <translation>Payer&apos;s subscriber number</translation>
    </message>
    <message>
        <source>&amp;Payer</source>
        <translation>&amp;Payer</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>This desk has no titles or offers yet. They come with the first sync from the server, or from relaisctl.</source>
        <translation>This desk has no titles or offers yet. They come with the first sync from the server, or from relaisctl.</translation>
    </message>
    <message>
        <source>%1 — %2 months, %3</source>
        <translation>%1 — %2 months, %3</translation>
    </message>
    <message>
        <source>No subscriber has this number.</source>
        <translation>No subscriber has this number.</translation>
    </message>
    <message numerus="yes">
        <source>From %1 to %2 inclusive, %n copy(ies).</source>
        <translation>
            <numerusform>From %1 to %2 inclusive, %Ln copyy.</numerusform>
            <numerusform>From %1 to %2 inclusive, %Ln copyies.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the subscriber number of the payer, or untick &quot;Paid by another subscriber&quot;.</source>
        <translation>Type the subscriber number of the payer, or untick &quot;Paid by another subscriber&quot;.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriptionsPanel</name>
    <message>
        <source>&amp;New subscription…</source>
        <translation>&amp;New subscription…</translation>
    </message>
    <message>
        <source>&amp;Renew</source>
        <translation>&amp;Renew</translation>
    </message>
    <message>
        <source>&amp;Cancel subscription…</source>
        <translation>&amp;Cancel subscription…</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>Re&amp;start</translation>
    </message>
    <message>
        <source>&amp;Hold deliveries…</source>
        <translation>&amp;Hold deliveries…</translation>
    </message>
    <message>
        <source>Holiday &amp;address…</source>
        <translation>Holiday &amp;address…</translation>
    </message>
    <message>
        <source>Com&amp;plaint…</source>
        <translation>Com&amp;plaint…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Holds and holiday addresses&lt;/b&gt;</source>
        <translation>&lt;b&gt;Holds and holiday addresses&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Complaints&lt;/b&gt;</source>
        <translation>&lt;b&gt;Complaints&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Subscription saved.</source>
        <translation>Subscription saved.</translation>
    </message>
    <message>
        <source>Renewed until %1.</source>
        <translation>Renewed until %1.</translation>
    </message>
    <message>
        <source>Subscription cancelled.</source>
        <translation>Subscription cancelled.</translation>
    </message>
    <message>
        <source>Subscription restarted.</source>
        <translation>Subscription restarted.</translation>
    </message>
    <message>
        <source>Hold saved.</source>
        <translation>Hold saved.</translation>
    </message>
    <message>
        <source>Holiday address saved.</source>
        <translation>Holiday address saved.</translation>
    </message>
    <message>
        <source>Complaint saved.</source>
        <translation>Complaint saved.</translation>
    </message>
    <message>
        <source>Change the &amp;dates…</source>
        <translation>Change the &amp;dates…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Re&amp;move…</translation>
    </message>
    <message>
        <source>Hold dates changed.</source>
        <translation>Hold dates changed.</translation>
    </message>
    <message>
        <source>Holiday address dates changed.</source>
        <translation>Holiday address dates changed.</translation>
    </message>
    <message>
        <source>Remove the hold</source>
        <translation>Remove the hold</translation>
    </message>
    <message>
        <source>Remove the holiday address</source>
        <translation>Remove the holiday address</translation>
    </message>
    <message>
        <source>Remove the hold from %1 to %2? The reader is delivered again on those days.</source>
        <translation>Remove the hold from %1 to %2? The reader is delivered again on those days.</translation>
    </message>
    <message>
        <source>Remove the holiday address from %1 to %2? The paper goes to the usual address again.</source>
        <translation>Remove the holiday address from %1 to %2? The paper goes to the usual address again.</translation>
    </message>
    <message>
        <source>Hold removed.</source>
        <translation>Hold removed.</translation>
    </message>
    <message>
        <source>Holiday address removed.</source>
        <translation>Holiday address removed.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SyncPanel</name>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>refused by the server</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <source>Conflict settled</source>
        <translation>Conflict settled</translation>
    </message>
    <message>
        <source>New subscriber</source>
        <translation>New subscriber</translation>
    </message>
    <message>
        <source>Subscriber changed</source>
        <translation>Subscriber changed</translation>
    </message>
    <message>
        <source>New subscription</source>
        <translation>New subscription</translation>
    </message>
    <message>
        <source>Renewal to %1</source>
        <translation>Renewal to %1</translation>
    </message>
    <message>
        <source>Cancellation from %1</source>
        <translation>Cancellation from %1</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Subscription changed</translation>
    </message>
    <message>
        <source>Hold %1 – %2</source>
        <translation>Hold %1 – %2</translation>
    </message>
    <message>
        <source>Holiday address %1 – %2</source>
        <translation>Holiday address %1 – %2</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civility</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Line 4 (number and street)</source>
        <translation>Line 4 (number and street)</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>INSEE code</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>Cancellation date</source>
        <translation>Cancellation date</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Automatic renewal</source>
        <translation>Automatic renewal</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Subscriber</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Server change</source>
        <translation>Server change</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <source>&amp;Needs attention</source>
        <translation>&amp;Needs attention</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>S&amp;ettle…</source>
        <translation>S&amp;ettle…</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>&amp;Log in…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>%1: mine &quot;%2&quot;, the server&apos;s &quot;%3&quot;</source>
        <translation>%1: mine &quot;%2&quot;, the server&apos;s &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Withdraw a refused change</source>
        <translation>Withdraw a refused change</translation>
    </message>
    <message>
        <source>The server refused this change:

%1

Withdraw it? The desk takes back what the server holds. To make the change anyway, correct it in the record and save again.</source>
        <translation>The server refused this change:

%1

Withdraw it? The desk takes back what the server holds. To make the change anyway, correct it in the record and save again.</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>needs attention</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>server unreachable</translation>
    </message>
    <message>
        <source>login needed</source>
        <translation>login needed</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>Line 2 (apartment, floor, c/o)</source>
        <translation>Line 2 (apartment, floor, c/o)</translation>
    </message>
    <message>
        <source>Line 3 (building, residence)</source>
        <translation>Line 3 (building, residence)</translation>
    </message>
    <message>
        <source>Line 5 (lieu-dit, BP)</source>
        <translation>Line 5 (lieu-dit, BP)</translation>
    </message>
    <message numerus="yes">
        <source>Changes waiting to be sent: %n.</source>
        <translation>
            <numerusform>Change waiting to be sent: %Ln.</numerusform>
            <numerusform>Changes waiting to be sent: %Ln.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conflicts to settle: %n.</source>
        <translation>
            <numerusform>Conflict to settle: %Ln.</numerusform>
            <numerusform>Conflicts to settle: %Ln.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused changes to review: %n.</source>
        <translation>
            <numerusform>Refused change to review: %Ln.</numerusform>
            <numerusform>Refused changes to review: %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Stops the sync at the next page; the first copy goes on from there next time.</source>
        <translation>Stops the sync at the next page; the first copy goes on from there next time.</translation>
    </message>
    <message>
        <source>End of term moved to %1</source>
        <translation>End of term moved to %1</translation>
    </message>
    <message>
        <source>Hold removed</source>
        <translation>Hold removed</translation>
    </message>
    <message>
        <source>Holiday address removed</source>
        <translation>Holiday address removed</translation>
    </message>
    <message>
        <source>Hold dates changed</source>
        <translation>Hold dates changed</translation>
    </message>
    <message>
        <source>Holiday address dates changed</source>
        <translation>Holiday address dates changed</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::TimelinePanel</name>
    <message>
        <source>Situation on &amp;day</source>
        <translation>Situation on &amp;day</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes&lt;/b&gt; (newest first)</source>
        <translation>&lt;b&gt;Changes&lt;/b&gt; (newest first)</translation>
    </message>
    <message>
        <source>This subscriber was not yet recorded on %1.</source>
        <translation>This subscriber was not yet recorded on %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Address on %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Address on %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Subscriptions that day</source>
        <translation>Subscriptions that day</translation>
    </message>
    <message>
        <source>delivered to the holiday address:</source>
        <translation>delivered to the holiday address:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::WorklistsDialog</name>
    <message>
        <source>Worklists</source>
        <translation>Worklists</translation>
    </message>
    <message>
        <source>Terms ending within the next</source>
        <translation>Terms ending within the next</translation>
    </message>
    <message>
        <source>&amp;Expiring</source>
        <translation>&amp;Expiring</translation>
    </message>
    <message>
        <source>&amp;Starting tomorrow</source>
        <translation>&amp;Starting tomorrow</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s)</source>
        <translation>
            <numerusform>%Ln subscription</numerusform>
            <numerusform>%Ln subscriptions</numerusform>
        </translation>
    </message>
    <message>
        <source>Holds and holiday addresses starting on %1: %2</source>
        <translation>Holds and holiday addresses starting on %1: %2</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <comment>after a number</comment>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Validation</name>
    <message>
        <source>Line %1 contains a tab, line break or other control character.</source>
        <translation>Line %1 contains a tab, line break or other control character.</translation>
    </message>
    <message>
        <source>The postal code and town line has %1 characters; at most %2 are allowed.</source>
        <translation>The postal code and town line has %1 characters; at most %2 are allowed.</translation>
    </message>
    <message>
        <source>The country line has %1 characters; at most %2 are allowed.</source>
        <translation>The country line has %1 characters; at most %2 are allowed.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an INSEE commune code (5 digits, 2A or 2B and 3 digits in Corsica).</source>
        <translation>&quot;%1&quot; is not an INSEE commune code (5 digits, 2A or 2B and 3 digits in Corsica).</translation>
    </message>
    <message>
        <source>An INSEE commune code (%1) is given for an address abroad (%2).</source>
        <translation>An INSEE commune code (%1) is given for an address abroad (%2).</translation>
    </message>
    <message>
        <source>The INSEE code %1 is not a commune of postal code %2; its communes are: %3.</source>
        <translation>The INSEE code %1 is not a commune of postal code %2; its communes are: %3.</translation>
    </message>
    <message>
        <source>Line %1 has %2 characters; at most %3 are allowed.</source>
        <translation>Line %1 has %2 characters; at most %3 are allowed.</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 and %2 more</translation>
    </message>
    <message>
        <source>The town is required.</source>
        <translation>The town is required.</translation>
    </message>
    <message>
        <source>The postal code is required for an address in France.</source>
        <translation>The postal code is required for an address in France.</translation>
    </message>
    <message>
        <source>The postal code &quot;%1&quot; is not valid: a French postal code has exactly 5 digits.</source>
        <translation>The postal code &quot;%1&quot; is not valid: a French postal code has exactly 5 digits.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Did you mean %1?</translation>
    </message>
    <message>
        <source>The postal code %1 does not exist in La Poste&apos;s list.</source>
        <translation>The postal code %1 does not exist in La Poste&apos;s list.</translation>
    </message>
    <message>
        <source>No town named %1 has a postal code starting with %2; check the town and the CEDEX code.</source>
        <translation>No town named %1 has a postal code starting with %2; check the town and the CEDEX code.</translation>
    </message>
    <message>
        <source>The postal code %1 is for %2, not %3.</source>
        <translation>The postal code %1 is for %2, not %3.</translation>
    </message>
    <message>
        <source>The number and street (line 4) is required, unless line 5 gives a lieu-dit or a post-office box.</source>
        <translation>The number and street (line 4) is required, unless line 5 gives a lieu-dit or a post-office box.</translation>
    </message>
    <message>
        <source>Write the town as La Poste&apos;s routing label: %1.</source>
        <translation>Write the town as La Poste&apos;s routing label: %1.</translation>
    </message>
    <message>
        <source>The country &quot;%1&quot; is not a country name.</source>
        <translation>The country &quot;%1&quot; is not a country name.</translation>
    </message>
    <message>
        <source>A last name or a company name is required.</source>
        <translation>A last name or a company name is required.</translation>
    </message>
    <message>
        <source>The email address &quot;%1&quot; is not valid: %2</source>
        <translation>The email address &quot;%1&quot; is not valid: %2</translation>
    </message>
    <message>
        <source>it has %1 characters; at most 254 are allowed.</source>
        <translation>it has %1 characters; at most 254 are allowed.</translation>
    </message>
    <message>
        <source>it contains a space.</source>
        <translation>it contains a space.</translation>
    </message>
    <message>
        <source>it must contain exactly one @.</source>
        <translation>it must contain exactly one @.</translation>
    </message>
    <message>
        <source>there is nothing before the @.</source>
        <translation>there is nothing before the @.</translation>
    </message>
    <message>
        <source>the part before the @ has %1 characters; at most 64 are allowed.</source>
        <translation>the part before the @ has %1 characters; at most 64 are allowed.</translation>
    </message>
    <message>
        <source>the part after the @ must be a domain such as example.fr.</source>
        <translation>the part after the @ must be a domain such as example.fr.</translation>
    </message>
    <message>
        <source>the domain has an empty part (two dots, or a dot at the start or end).</source>
        <translation>the domain has an empty part (two dots, or a dot at the start or end).</translation>
    </message>
    <message>
        <source>a part of the domain starts or ends with a hyphen.</source>
        <translation>a part of the domain starts or ends with a hyphen.</translation>
    </message>
    <message>
        <source>the domain contains the character &quot;%1&quot;.</source>
        <translation>the domain contains the character &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>the domain must end with a name of at least two letters, such as .fr.</source>
        <translation>the domain must end with a name of at least two letters, such as .fr.</translation>
    </message>
    <message>
        <source>it contains &quot;%1&quot;; only digits, spaces, dots, hyphens and a leading + are allowed.</source>
        <translation>it contains &quot;%1&quot;; only digits, spaces, dots, hyphens and a leading + are allowed.</translation>
    </message>
    <message>
        <source>a French number has 10 digits starting with 0 and this one has %1; write other countries&apos; numbers with + and the country code.</source>
        <translation>a French number has 10 digits starting with 0 and this one has %1; write other countries&apos; numbers with + and the country code.</translation>
    </message>
    <message>
        <source>a French number cannot start with 00.</source>
        <translation>a French number cannot start with 00.</translation>
    </message>
    <message>
        <source>a country code cannot start with 0.</source>
        <translation>a country code cannot start with 0.</translation>
    </message>
    <message>
        <source>an international number has 8 to 15 digits with its country code and this one has %1.</source>
        <translation>an international number has 8 to 15 digits with its country code and this one has %1.</translation>
    </message>
    <message>
        <source>a French number after +33 has 9 digits and no leading 0.</source>
        <translation>a French number after +33 has 9 digits and no leading 0.</translation>
    </message>
    <message>
        <source>The phone number &quot;%1&quot; is not valid: %2</source>
        <translation>The phone number &quot;%1&quot; is not valid: %2</translation>
    </message>
    <message>
        <source>The end date %1 is before the start date %2.</source>
        <translation>The end date %1 is before the start date %2.</translation>
    </message>
    <message>
        <source>The start date is missing or not a valid date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is missing or not a valid date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A title code has 1 to 16 characters.</source>
        <translation>A title code has 1 to 16 characters.</translation>
    </message>
    <message>
        <source>A title needs a name.</source>
        <translation>A title needs a name.</translation>
    </message>
    <message>
        <source>A title appears on at least one day of the week.</source>
        <translation>A title appears on at least one day of the week.</translation>
    </message>
    <message>
        <source>The cut-off time is written HH:MM.</source>
        <translation>The cut-off time is written HH:MM.</translation>
    </message>
    <message>
        <source>An offer code has 1 to 24 characters.</source>
        <translation>An offer code has 1 to 24 characters.</translation>
    </message>
    <message>
        <source>An offer lasts 1 to 120 months.</source>
        <translation>An offer lasts 1 to 120 months.</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>A price cannot be negative.</translation>
    </message>
    <message>
        <source>The start date is missing or not a date (YYYY-MM-DD).</source>
        <translation>The start date is missing or not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Copies must be between 1 and 999.</source>
        <translation>Copies must be between 1 and 999.</translation>
    </message>
    <message>
        <source>The cancellation date is missing or not a date (YYYY-MM-DD).</source>
        <translation>The cancellation date is missing or not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>A cancellation needs a reason.</source>
        <translation>A cancellation needs a reason.</translation>
    </message>
    <message>
        <source>The cancellation date is before the subscription starts (%1).</source>
        <translation>The cancellation date is before the subscription starts (%1).</translation>
    </message>
    <message>
        <source>The issue date is missing or not a date (YYYY-MM-DD).</source>
        <translation>The issue date is missing or not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Compensation is 0 to 365 issues.</source>
        <translation>Compensation is 0 to 365 issues.</translation>
    </message>
    <message>
        <source>a hold</source>
        <translation>a hold</translation>
    </message>
    <message>
        <source>a holiday address</source>
        <translation>a holiday address</translation>
    </message>
    <message>
        <source>These dates overlap %1 from %2 to %3 on the same subscription.</source>
        <translation>These dates overlap %1 from %2 to %3 on the same subscription.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Desk name</source>
        <translation>&amp;Desk name</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>&amp;Server address</translation>
    </message>
    <message>
        <source>https://relais.example.fr (empty: this desk works alone)</source>
        <translation>https://relais.example.fr (empty: this desk works alone)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
</context>
</TS>
