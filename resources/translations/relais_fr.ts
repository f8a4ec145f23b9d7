<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
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
        <translation>La base du poste ne peut pas être ouverte.

%1</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 n’est pas un fichier.</translation>
    </message>
    <message>
        <source>%1 is not a Relais database (%2).</source>
        <translation>%1 n’est pas une base Relais (%2).</translation>
    </message>
    <message>
        <source>The issue date is missing or not a date (YYYY-MM-DD).</source>
        <translation>La date de parution manque ou n’est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>%1 does not appear on %2 (%3); its issue days are %4.</source>
        <translation>%1 ne paraît pas le %2 (%3) ; ses jours de parution sont %4.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Pas commencé</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Résilié</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Échu</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>Holiday address</source>
        <translation>Adresse de vacances</translation>
    </message>
    <message>
        <source>Issue not received</source>
        <translation>Numéro non reçu</translation>
    </message>
    <message>
        <source>Issue damaged</source>
        <translation>Numéro abîmé</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Guichet</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Subscriber created</source>
        <translation>Abonné créé</translation>
    </message>
    <message>
        <source>Subscriber changed</source>
        <translation>Abonné modifié</translation>
    </message>
    <message>
        <source>Subscription created</source>
        <translation>Abonnement créé</translation>
    </message>
    <message>
        <source>Subscription cancelled</source>
        <translation>Abonnement résilié</translation>
    </message>
    <message>
        <source>Subscription renewed</source>
        <translation>Abonnement renouvelé</translation>
    </message>
    <message>
        <source>Subscription restarted</source>
        <translation>Abonnement repris</translation>
    </message>
    <message>
        <source>Subscription extended</source>
        <translation>Abonnement prolongé</translation>
    </message>
    <message>
        <source>Hold added</source>
        <translation>Suspension ajoutée</translation>
    </message>
    <message>
        <source>Holiday address added</source>
        <translation>Adresse de vacances ajoutée</translation>
    </message>
    <message>
        <source>Complaint recorded</source>
        <translation>Réclamation enregistrée</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Line 2 (apartment, floor)</source>
        <translation>Ligne 2 (appartement, étage)</translation>
    </message>
    <message>
        <source>Line 3 (building)</source>
        <translation>Ligne 3 (bâtiment)</translation>
    </message>
    <message>
        <source>Line 4 (number and street)</source>
        <translation>Ligne 4 (numéro et voie)</translation>
    </message>
    <message>
        <source>Line 5 (lieu-dit, BP)</source>
        <translation>Ligne 5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consentements</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Exemplaires</translation>
    </message>
    <message>
        <source>Automatic renewal</source>
        <translation>Renouvellement automatique</translation>
    </message>
    <message>
        <source>Cancellation date</source>
        <translation>Date de résiliation</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>Motif de résiliation</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Compensation</translation>
    </message>
    <message>
        <source>Issues added</source>
        <translation>Numéros ajoutés</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Parution</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1: %2</source>
        <translation>Impossible de lire la version du schéma de %1 : %2</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this program understands (%3). Install a newer Relais.</source>
        <translation>La base %1 est au schéma version %2, plus récent que ce que ce programme connaît (%3). Installez une version plus récente de Relais.</translation>
    </message>
    <message>
        <source>Migration to schema version %1 failed</source>
        <translation>La migration vers la version %1 du schéma a échoué</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>La saisie n’est pas valide.</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>Cette fiche existe déjà.</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>Cette fiche n’existe plus.</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>end date pushed back</source>
        <translation>fin reportée</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Another task is writing to the desk database; your change was not saved — nothing was lost. Try again in a moment.</source>
        <translation>Une autre tâche écrit dans la base du poste ; votre modification n’a pas été enregistrée — rien n’est perdu. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The desk database refused the change; it was not saved. If this happens again, tell your support team.</source>
        <translation>La base du poste a refusé la modification ; elle n’a pas été enregistrée. Si cela se reproduit, prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The same number or code was just recorded by another task; your change was not saved. Look the record up again and retry.</source>
        <translation>Le même numéro ou code vient d’être enregistré par une autre tâche ; votre modification n’a pas été enregistrée. Recherchez de nouveau la fiche et réessayez.</translation>
    </message>
    <message>
        <source>The disk that holds the desk database is full; your change was not saved. Free some space, then try again.</source>
        <translation>Le disque qui contient la base du poste est plein ; votre modification n’a pas été enregistrée. Libérez de la place, puis réessayez.</translation>
    </message>
    <message>
        <source>The desk database cannot be written to (the file or its folder is read-only); your change was not saved.</source>
        <translation>La base du poste ne peut pas être modifiée (le fichier ou son dossier est en lecture seule) ; votre modification n’a pas été enregistrée.</translation>
    </message>
    <message>
        <source>The disk could not read or write the desk database; your change was not saved. If this happens again, tell your support team.</source>
        <translation>Le disque n’a pas pu lire ou écrire la base du poste ; votre modification n’a pas été enregistrée. Si cela se reproduit, prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The desk database is damaged; your change was not saved. Tell your support team (relaisctl check says more).</source>
        <translation>La base du poste est endommagée ; votre modification n’a pas été enregistrée. Prévenez votre support informatique (relaisctl check donne le détail).</translation>
    </message>
    <message>
        <source>Cannot open %1.</source>
        <translation>Impossible d’ouvrir %1.</translation>
    </message>
    <message>
        <source>There is no open conflict number %1.</source>
        <translation>Aucun conflit ouvert ne porte le numéro %1.</translation>
    </message>
    <message>
        <source>Operation %1 is not a rejected operation.</source>
        <translation>L’opération %1 n’est pas une opération refusée.</translation>
    </message>
    <message>
        <source>Cannot read %1 from the desk database: %2</source>
        <translation>Impossible de lire %1 dans la base du poste : %2</translation>
    </message>
    <message>
        <source>Moving away</source>
        <translation>Déménagement</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>No longer reads it</source>
        <translation>Ne le lit plus</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>Impayé</translation>
    </message>
    <message>
        <source>Death</source>
        <translation>Décès</translation>
    </message>
    <message>
        <source>Delivery problems</source>
        <translation>Problèmes de livraison</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Another import is running on this desk; try again when it has finished.</source>
        <translation>Un autre import est en cours sur ce poste&#xa0;; réessayez quand il sera terminé.</translation>
    </message>
    <message>
        <source>An import is running on this desk; sync goes on when it has finished.</source>
        <translation>Un import est en cours sur ce poste&#xa0;; la synchronisation reprendra quand il sera terminé.</translation>
    </message>
    <message>
        <source>%1 is on a network file system (%2): a desk database must be on a disk of this computer, because SQLite needs shared memory that network file systems do not provide. Move it to a local folder.</source>
        <translation>%1 se trouve sur un système de fichiers réseau (%2)&#xa0;: la base d’un poste doit être sur un disque de cet ordinateur, car SQLite a besoin d’une mémoire partagée que les systèmes de fichiers réseau n’offrent pas. Déplacez-la dans un dossier local.</translation>
    </message>
    <message>
        <source>The file system that holds %1 cannot run SQLite&apos;s write-ahead log (WAL: it lacks shared memory or locks); the desk database needs it. Move the file to a local disk of this computer.</source>
        <translation>Le système de fichiers qui contient %1 ne permet pas le journal d’écriture anticipée de SQLite (WAL&#xa0;: il n’offre pas la mémoire partagée ou les verrous nécessaires)&#xa0;; la base du poste en a besoin. Déplacez le fichier sur un disque local de cet ordinateur.</translation>
    </message>
    <message>
        <source>Upgrading the desk database failed (%1); it was left as it was. Tell your support team.</source>
        <translation>La mise à jour de la base du poste a échoué (%1) ; la base a été laissée en l’état. Prévenez votre support informatique.</translation>
    </message>
</context>
<context>
    <name>Relais::AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>Relais::ChangeStartModel</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Abonné</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
</context>
<context>
    <name>Relais::ComplaintTableModel</name>
    <message>
        <source>Issue</source>
        <translation>Parution</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Issues added</source>
        <translation>Numéros ajoutés</translation>
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
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>L’export a été annulé ; aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>Choisissez au moins une colonne.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a column; the columns are: %2</source>
        <translation>« %1 » n’est pas une colonne ; les colonnes sont : %2</translation>
    </message>
    <message>
        <source>There is no export preset named &quot;%1&quot;; the presets are: %2</source>
        <translation>Il n’y a pas de modèle d’export nommé « %1 » ; les modèles sont : %2</translation>
    </message>
    <message>
        <source>A preset name has 1 to 40 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Un nom de modèle a de 1 à 40 lettres, chiffres, « - » ou « _ ».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a built-in preset; choose another name.</source>
        <translation>« %1 » est un modèle prédéfini ; choisissez un autre nom.</translation>
    </message>
    <message>
        <source>There is no title with code %1.</source>
        <translation>Aucun titre n’a le code %1.</translation>
    </message>
    <message>
        <source>The separator cannot be a quote or a line break.</source>
        <translation>Le séparateur ne peut pas être un guillemet ni un saut de ligne.</translation>
    </message>
    <message>
        <source>%1 cannot be imported; nothing was written.</source>
        <translation>%1 ne peut pas être importé ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>Skipping invalid rows needs a rejects file to keep them in.</source>
        <translation>Ignorer les lignes invalides demande un fichier de rejets pour les conserver.</translation>
    </message>
    <message>
        <source>The mapping file must be a JSON object {&quot;column header&quot;: &quot;field&quot;} (%1).</source>
        <translation>Le fichier de correspondance doit être un objet JSON {&quot;en-tête de colonne&quot; : &quot;champ&quot;} (%1).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>pas un objet</translation>
    </message>
    <message>
        <source>The mapping names &quot;%1&quot; for column &quot;%2&quot;, which is not a field; the fields are: %3 (or &quot;&quot; to ignore the column).</source>
        <translation>La correspondance donne « %1 » pour la colonne « %2 », qui n’est pas un champ ; les champs sont : %3 (ou &quot;&quot; pour ignorer la colonne).</translation>
    </message>
    <message>
        <source>The file is empty: a header row and at least one subscriber row are expected.</source>
        <translation>Le fichier est vide : une ligne d’en-tête et au moins une ligne d’abonné sont attendues.</translation>
    </message>
    <message>
        <source>The first line has a single column: no separator (; , tab or |) was found.</source>
        <translation>La première ligne n’a qu’une colonne : aucun séparateur (; , tabulation ou |) n’a été trouvé.</translation>
    </message>
    <message>
        <source>This column and column &quot;%1&quot; both give the field %2.</source>
        <translation>Cette colonne et la colonne « %1 » donnent toutes deux le champ %2.</translation>
    </message>
    <message>
        <source>No column gives the name: a last_name (nom), company (societe) or L1 column is needed.</source>
        <translation>Aucune colonne ne donne le nom : il faut une colonne last_name (nom), company (societe) ou L1.</translation>
    </message>
    <message>
        <source>No columns give the postal code and town: postal_code and city (code postal, ville), or L6, are needed.</source>
        <translation>Aucune colonne ne donne le code postal et la ville : il faut postal_code et city (code postal, ville), ou L6.</translation>
    </message>
    <message>
        <source>No column gives the street: line4 (adresse, L4) or line5 (lieu-dit, L5) is needed.</source>
        <translation>Aucune colonne ne donne la voie : il faut line4 (adresse, L4) ou line5 (lieu-dit, L5).</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignorée)</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>L’import a été annulé ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>A drop (SUPPRESSION) row of a changes export: not imported.</source>
        <translation>Ligne de suppression (SUPPRESSION) d’un export de mouvements : non importée.</translation>
    </message>
    <message>
        <source>This row has %1 cells where the header has %2 columns (a missing or extra separator, or a line break inside an unquoted field).</source>
        <translation>Cette ligne a %1 cellules alors que l’en-tête a %2 colonnes (un séparateur manquant ou en trop, ou un saut de ligne dans un champ sans guillemets).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a spreadsheet formula, not a value.</source>
        <translation>« %1 » est une formule de tableur, pas une valeur.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a subscriber number (a whole number above 0).</source>
        <translation>« %1 » n’est pas un numéro d’abonné (un nombre entier supérieur à 0).</translation>
    </message>
    <message>
        <source>Line 6 of a French address is the 5-digit postal code followed by the town; &quot;%1&quot; is not.</source>
        <translation>La ligne 6 d’une adresse française est le code postal à 5 chiffres suivi de la commune ; « %1 » ne l’est pas.</translation>
    </message>
    <message>
        <source>subscriber number %1 already appears on line %2</source>
        <translation>le numéro d’abonné %1 figure déjà ligne %2</translation>
    </message>
    <message>
        <source>subscriber number %1 already exists</source>
        <translation>le numéro d’abonné %1 existe déjà</translation>
    </message>
    <message>
        <source>the same name, postal code and street already appear on line %1</source>
        <translation>les mêmes nom, code postal et voie figurent déjà ligne %1</translation>
    </message>
    <message>
        <source>subscriber %1 has the same name, postal code and street</source>
        <translation>l’abonné %1 a les mêmes nom, code postal et voie</translation>
    </message>
    <message>
        <source>Not imported again: %1.</source>
        <translation>Pas importé une seconde fois : %1.</translation>
    </message>
    <message>
        <source>This row&apos;s address was a holiday address on the exported issue; it is imported as the subscriber&apos;s address.</source>
        <translation>L’adresse de cette ligne était une adresse de vacances pour la parution exportée ; elle est importée comme adresse de l’abonné.</translation>
    </message>
    <message>
        <source>This desk has used its whole block of subscriber numbers. Connect to the server once to lease a new block.</source>
        <translation>Ce poste a utilisé tout son bloc de numéros d’abonné. Connectez-vous une fois au serveur pour obtenir un nouveau bloc.</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2 : %3</translation>
    </message>
    <message>
        <source>The file has a header but no subscriber rows.</source>
        <translation>Le fichier a un en-tête mais aucune ligne d’abonné.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) are invalid; nothing was imported (use --skip-invalid --rejects FILE to import the others).</source>
        <translation>
            <numerusform>%1 : %Ln ligne est invalide ; rien n’a été importé (--skip-invalid --rejects FICHIER pour importer les autres).</numerusform>
            <numerusform>%1 : %Ln lignes sont invalides ; rien n’a été importé (--skip-invalid --rejects FICHIER pour importer les autres).</numerusform>
        </translation>
    </message>
    <message>
        <source>The first %1 reasons follow.</source>
        <translation>Les %1 premières raisons suivent.</translation>
    </message>
    <message>
        <source>The file contains NUL bytes: it is a binary file (a spreadsheet in .xlsx or .ods form, or UTF-16 text), not CSV. Save it as CSV and try again.</source>
        <translation>Le fichier contient des octets nuls : c’est un fichier binaire (un classeur .xlsx ou .ods, ou du texte UTF-16), pas un CSV. Enregistrez-le en CSV et réessayez.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Le fichier ne peut pas être lu : %1</translation>
    </message>
    <message>
        <source>The file is in UTF-16. Save it as CSV in UTF-8 (or Windows-1252) and try again.</source>
        <translation>Le fichier est en UTF-16. Enregistrez-le en CSV UTF-8 (ou Windows-1252) et réessayez.</translation>
    </message>
    <message>
        <source>This field holds UTF-8 text but the file is Windows-1252 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</source>
        <translation>Ce champ contient du texte UTF-8 alors que le reste du fichier est en Windows-1252 : le fichier mélange les encodages. Enregistrez tout le fichier en UTF-8 et réessayez.</translation>
    </message>
    <message>
        <source>This field is not valid UTF-8 although the file is UTF-8 elsewhere: the file mixes encodings. Save the whole file as UTF-8 and try again.</source>
        <translation>Ce champ n’est pas de l’UTF-8 valide alors que le reste du fichier est en UTF-8 : le fichier mélange les encodages. Enregistrez tout le fichier en UTF-8 et réessayez.</translation>
    </message>
    <message>
        <source>A quoted field opened on this line is never closed: a quote (&quot;) is missing, or one inside the text is not doubled.</source>
        <translation>Un champ entre guillemets ouvert sur cette ligne n’est jamais fermé : il manque un guillemet (&quot;), ou un guillemet dans le texte n’est pas doublé.</translation>
    </message>
    <message>
        <source>This line is longer than %1 bytes (or a quote is left open and runs on through the rest of the file); it is not a subscriber row.</source>
        <translation>Cette ligne dépasse %1 octets (ou un guillemet resté ouvert court jusqu’à la fin du fichier) ; ce n’est pas une ligne d’abonné.</translation>
    </message>
    <message>
        <source>A quote (&quot;) appears inside a field that does not start with one. Put the whole field in quotes and double the quote inside it.</source>
        <translation>Un guillemet (&quot;) apparaît dans un champ qui ne commence pas par un guillemet. Mettez tout le champ entre guillemets et doublez le guillemet intérieur.</translation>
    </message>
    <message>
        <source>Text follows the closing quote of a field. A quote inside a quoted field must be doubled (&quot;&quot;).</source>
        <translation>Du texte suit le guillemet fermant d’un champ. Un guillemet à l’intérieur d’un champ entre guillemets doit être doublé (&quot;&quot;).</translation>
    </message>
    <message>
        <source>The file mixes encodings: some lines are UTF-8 and others are not (line %1 is UTF-8, line %2 is not). Save the whole file as UTF-8 and try again.</source>
        <translation>Le fichier mélange les encodages : certaines lignes sont en UTF-8 et d’autres non (la ligne %1 est en UTF-8, la ligne %2 non). Enregistrez tout le fichier en UTF-8 et réessayez.</translation>
    </message>
    <message>
        <source>Line %1 has %2 characters even abbreviated; at most %3 fit on a label: %4</source>
        <translation>La ligne %1 a %2 caractères même abrégée ; %3 au plus tiennent sur une étiquette : %4</translation>
    </message>
    <message>
        <source>The country line has %1 characters; at most %2 fit on a label: %3</source>
        <translation>La ligne du pays a %1 caractères ; %2 au plus tiennent sur une étiquette : %3</translation>
    </message>
    <message>
        <source>the spreadsheet could not be started</source>
        <translation>le classeur n’a pas pu être commencé</translation>
    </message>
    <message>
        <source>the spreadsheet was not started</source>
        <translation>le classeur n’a pas été commencé</translation>
    </message>
    <message>
        <source>This column is not recognised. To import without it, add this line to a mapping file (--mapping FILE, a JSON object): {%1: &quot;&quot;}; or put the field it gives instead of &quot;&quot;. The fields are: %2.</source>
        <translation>Cette colonne n’est pas reconnue. Pour importer sans elle, ajoutez cette ligne à un fichier de correspondance (--mapping FICHIER, un objet JSON) : {%1: &quot;&quot;} ; ou mettez le champ qu’elle donne à la place de &quot;&quot;. Les champs sont : %2.</translation>
    </message>
    <message>
        <source>Line 6 starts with the postal code %1, but the postal code column says %2.</source>
        <translation>La ligne 6 commence par le code postal %1, mais la colonne du code postal dit %2.</translation>
    </message>
</context>
<context>
    <name>Relais::Csv::Internal</name>
    <message>
        <source>%1 cannot be imported; nothing was written.</source>
        <translation>%1 ne peut pas être importé ; rien n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>Relais::DeliveryChangeTableModel</name>
    <message>
        <source>end date pushed back</source>
        <translation>fin reportée</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Missed issues</source>
        <translation>Numéros manqués</translation>
    </message>
</context>
<context>
    <name>Relais::DeskBackup</name>
    <message>
        <source>The backup %1 cannot be trusted; nothing was changed.</source>
        <translation>La sauvegarde %1 n’est pas fiable ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The file is not an SQLite database.</source>
        <translation>Le fichier n’est pas une base SQLite.</translation>
    </message>
    <message>
        <source>SQLite cannot open the file: %1</source>
        <translation>SQLite ne peut pas ouvrir le fichier : %1</translation>
    </message>
    <message>
        <source>SQLite cannot read the file: %1</source>
        <translation>SQLite ne peut pas lire le fichier : %1</translation>
    </message>
    <message>
        <source>SQLite integrity check: %1</source>
        <translation>Contrôle d’intégrité SQLite : %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Schema version %1; this program reads versions 1 to %2.</source>
        <translation>Version de schéma %1 ; ce programme lit les versions 1 à %2.</translation>
    </message>
    <message>
        <source>Schema version %1 in the file, %2 in the manifest.</source>
        <translation>Version de schéma %1 dans le fichier, %2 dans le manifeste.</translation>
    </message>
    <message>
        <source>The schema cannot be read: %1</source>
        <translation>Le schéma est illisible : %1</translation>
    </message>
    <message>
        <source>Unknown %1 &quot;%2&quot;: a desk database has no such thing.</source>
        <translation>%1 « %2 » inconnu : une base de poste n’en contient pas.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is not defined as a desk database defines it.</source>
        <translation>%1 « %2 » n’est pas défini comme dans une base de poste.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is missing.</source>
        <translation>%1 « %2 » manque.</translation>
    </message>
    <message>
        <source>The file holds desk %1, the manifest names desk %2.</source>
        <translation>Le fichier contient le poste %1, le manifeste nomme le poste %2.</translation>
    </message>
    <message>
        <source>The rows cannot be counted: %1</source>
        <translation>Impossible de compter les lignes : %1</translation>
    </message>
    <message>
        <source>Table %1: %2 rows in the file, %3 in the manifest.</source>
        <translation>Table %1 : %2 lignes dans le fichier, %3 dans le manifeste.</translation>
    </message>
    <message>
        <source>The manifest counts %1 tables; the schema has %2.</source>
        <translation>Le manifeste compte %1 tables ; le schéma en a %2.</translation>
    </message>
    <message>
        <source>There is no desk database at %1.</source>
        <translation>Il n’y a pas de base de poste à l’emplacement %1.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Cannot open the desk %1: %2</source>
        <translation>Impossible d’ouvrir le poste %1 : %2</translation>
    </message>
    <message>
        <source>Cannot read the desk %1: %2</source>
        <translation>Impossible de lire le poste %1 : %2</translation>
    </message>
    <message>
        <source>The desk %1 has schema version %2; this program backs up versions 1 to %3.</source>
        <translation>Le poste %1 a la version de schéma %2 ; ce programme sauvegarde les versions 1 à %3.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>Impossible de créer %1 : %2</translation>
    </message>
    <message>
        <source>The backup cannot start: %1</source>
        <translation>La sauvegarde ne peut pas commencer : %1</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>La sauvegarde a été annulée.</translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation>La sauvegarde vers %1 a échoué : %2</translation>
    </message>
    <message>
        <source>Cannot write %1 to the disk.</source>
        <translation>Impossible d’écrire %1 sur le disque.</translation>
    </message>
    <message>
        <source>Cannot read back %1.</source>
        <translation>Impossible de relire %1.</translation>
    </message>
    <message>
        <source>The new backup %1 did not pass its verification; it was not kept.</source>
        <translation>La nouvelle sauvegarde %1 n’a pas passé sa vérification ; elle n’a pas été gardée.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d’écrire %1.</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation>Impossible de renommer %1 en %2.</translation>
    </message>
    <message>
        <source>There is no backup file %1.</source>
        <translation>Le fichier de sauvegarde %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Its manifest %1 is missing (a backup is the file and its .json).</source>
        <translation>Son manifeste %1 manque (une sauvegarde, c’est le fichier et son .json).</translation>
    </message>
    <message>
        <source>Its manifest %1 is not a Relais desk backup manifest.</source>
        <translation>Son manifeste %1 n’est pas un manifeste de sauvegarde de poste Relais.</translation>
    </message>
    <message>
        <source>The file has %1 bytes; %2 were written.</source>
        <translation>Le fichier fait %1 octets ; %2 ont été écrits.</translation>
    </message>
    <message>
        <source>The verification was cancelled.</source>
        <translation>La vérification a été annulée.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>Its SHA-256 is not the one recorded when it was written: the file was changed or damaged since, or it is another file under this name.</source>
        <translation>Son SHA-256 n’est pas celui enregistré à l’écriture : le fichier a été modifié ou abîmé depuis, ou c’est un autre fichier sous ce nom.</translation>
    </message>
    <message>
        <source>The desk %1 is open in another program (the Relais window, a relaisctl sync). Close it, then restore again; nothing was changed.</source>
        <translation>Le poste %1 est ouvert dans un autre programme (la fenêtre Relais, un relaisctl sync). Fermez-le, puis restaurez de nouveau ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Cannot lock the desk %1: %2</source>
        <translation>Impossible de verrouiller le poste %1 : %2</translation>
    </message>
    <message>
        <source>The backup %1 is of desk %2, and %3 is desk %4. Nothing was changed. Restore another desk&apos;s backup only on purpose (relaisctl restore --other-desk).</source>
        <translation>La sauvegarde %1 est celle du poste %2, et %3 est le poste %4. Rien n’a été modifié. Ne restaurez la sauvegarde d’un autre poste que volontairement (relaisctl restore --other-desk).</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d’ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>The restore cannot start: %1</source>
        <translation>La restauration ne peut pas commencer : %1</translation>
    </message>
    <message>
        <source>The restore into %1 failed; the desk is as it was: %2</source>
        <translation>La restauration dans %1 a échoué ; le poste est resté tel quel : %2</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>The copy in %1 does not read back as written.</source>
        <translation>La copie dans %1 ne se relit pas telle qu’écrite.</translation>
    </message>
    <message>
        <source>Cannot rename %1.</source>
        <translation>Impossible de renommer %1.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>Impossible de copier %1 vers %2.</translation>
    </message>
</context>
<context>
    <name>Relais::ExpiringModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Fin le</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Abonné</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Auto-renewal</source>
        <translation>Reconduction</translation>
    </message>
</context>
<context>
    <name>Relais::Inbound</name>
    <message>
        <source>A row received from the server (%1 %2) has a number or code that a record made on this desk already uses. Nothing of this page was written; the desk&apos;s record keeps its number until a clerk changes it.</source>
        <translation>Une ligne reçue du serveur (%1 %2) porte un numéro ou un code déjà utilisé par une fiche créée sur ce poste. Rien de cette page n’a été écrit ; la fiche du poste garde son numéro jusqu’à ce qu’un agent le change.</translation>
    </message>
    <message>
        <source>The server sent a row of an unknown table &quot;%1&quot;.</source>
        <translation>Le serveur a envoyé une ligne d’une table inconnue, « %1 ».</translation>
    </message>
    <message>
        <source>The server sent a value of the wrong type for %1.%2.</source>
        <translation>Le serveur a envoyé une valeur du mauvais type pour %1.%2.</translation>
    </message>
</context>
<context>
    <name>Relais::Print</name>
    <message>
        <source>With a left margin of %1 mm the labels end %2 mm from the left edge, past the 210 mm of an A4 sheet.</source>
        <translation>Avec une marge gauche de %1 mm, les étiquettes finissent à %2 mm du bord gauche, au-delà des 210 mm d’une feuille A4.</translation>
    </message>
    <message>
        <source>With a top margin of %1 mm the labels end %2 mm from the top edge, past the 297 mm of an A4 sheet.</source>
        <translation>Avec une marge haute de %1 mm, les étiquettes finissent à %2 mm du bord haut, au-delà des 297 mm d’une feuille A4.</translation>
    </message>
    <message>
        <source>The font size is between %1 and 16 pt.</source>
        <translation>La taille des caractères va de %1 à 16 pt.</translation>
    </message>
    <message>
        <source>A4, 3 x 7 labels of 63.5 x 38.1 mm (Avery L7160 and alike)</source>
        <translation>A4, 3 x 7 étiquettes de 63,5 x 38,1 mm (Avery L7160 et équivalentes)</translation>
    </message>
    <message>
        <source>A4, 2 x 7 labels of 99.1 x 38.1 mm (Avery L7163 and alike)</source>
        <translation>A4, 2 x 7 étiquettes de 99,1 x 38,1 mm (Avery L7163 et équivalentes)</translation>
    </message>
    <message>
        <source>There is no label layout named &quot;%1&quot;; the layouts are: %2</source>
        <translation>Il n’y a pas de format d’étiquettes nommé « %1 » ; les formats sont : %2</translation>
    </message>
    <message>
        <source>Address labels</source>
        <translation>Étiquettes d’adresse</translation>
    </message>
    <message>
        <source>the page cannot be drawn on</source>
        <translation>impossible de dessiner sur la page</translation>
    </message>
    <message>
        <source>the labels were not started</source>
        <translation>les étiquettes n’ont pas été commencées</translation>
    </message>
    <message>
        <source>Line %1 fits the %2 label only at %3 pt, below the legible %4 pt: %5</source>
        <translation>La ligne %1 ne tient sur l’étiquette %2 qu’en %3 pt, sous les %4 pt lisibles : %5</translation>
    </message>
    <message>
        <source>Abroad</source>
        <translation>Étranger</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>At the subscriber&apos;s address (France)</source>
        <translation>À l’adresse de l’abonné (France)</translation>
    </message>
    <message>
        <source>At a holiday address</source>
        <translation>À une adresse de vacances</translation>
    </message>
    <message>
        <source>The report cannot be drawn.</source>
        <translation>Le rapport ne peut pas être dessiné.</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Rapport de parution</translation>
    </message>
    <message>
        <source>none within a week</source>
        <translation>aucune dans la semaine</translation>
    </message>
    <message>
        <source>Delivery points (labels)</source>
        <translation>Points de livraison (étiquettes)</translation>
    </message>
    <message>
        <source>Copies to print and deliver</source>
        <translation>Exemplaires à imprimer et livrer</translation>
    </message>
    <message>
        <source>Previous issue</source>
        <translation>Parution précédente</translation>
    </message>
    <message>
        <source>Adds since the previous issue</source>
        <translation>Ajouts depuis la parution précédente</translation>
    </message>
    <message>
        <source>Drops since the previous issue</source>
        <translation>Suppressions depuis la parution précédente</translation>
    </message>
    <message>
        <source>Address changes since the previous issue</source>
        <translation>Changements d’adresse depuis la parution précédente</translation>
    </message>
    <message>
        <source>Holds in force</source>
        <translation>Suspensions en cours</translation>
    </message>
    <message>
        <source>Holiday addresses in force</source>
        <translation>Adresses de vacances en cours</translation>
    </message>
    <message>
        <source>Complaints about the previous issue: not received</source>
        <translation>Réclamations sur la parution précédente : non reçu</translation>
    </message>
    <message>
        <source>Complaints about the previous issue: damaged</source>
        <translation>Réclamations sur la parution précédente : abîmé</translation>
    </message>
    <message>
        <source>Copies by delivery mode</source>
        <translation>Exemplaires par mode de livraison</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Exemplaires</translation>
    </message>
    <message>
        <source>Copies by département (labels in brackets)</source>
        <translation>Exemplaires par département (étiquettes entre parenthèses)</translation>
    </message>
    <message>
        <source>Checked before the print run — name, date and signature:</source>
        <translation>Vérifié avant le tirage — nom, date et signature :</translation>
    </message>
    <message>
        <source>Relais, %1, clerk %2. The figures are those of the delivery list exported for this issue.</source>
        <translation>Relais, %1, agent %2. Les chiffres sont ceux de la liste de livraison exportée pour cette parution.</translation>
    </message>
    <message>
        <source>Issue report %1 %2</source>
        <translation>Rapport de parution %1 %2</translation>
    </message>
</context>
<context>
    <name>Relais::Store</name>
    <message>
        <source>Local publisher</source>
        <translation>Éditeur local</translation>
    </message>
    <message>
        <source>A title with code %1 already exists.</source>
        <translation>Un titre de code %1 existe déjà.</translation>
    </message>
    <message>
        <source>The offer&apos;s title does not exist.</source>
        <translation>Le titre de l’offre n’existe pas.</translation>
    </message>
    <message>
        <source>An offer with code %1 already exists.</source>
        <translation>Une offre de code %1 existe déjà.</translation>
    </message>
    <message>
        <source>Subscriber number %1 is already taken.</source>
        <translation>Le numéro d’abonné %1 est déjà pris.</translation>
    </message>
    <message>
        <source>This subscriber does not exist.</source>
        <translation>Cet abonné n’existe pas.</translation>
    </message>
    <message>
        <source>The offer does not exist.</source>
        <translation>L’offre n’existe pas.</translation>
    </message>
    <message>
        <source>The recipient does not exist.</source>
        <translation>Le destinataire n’existe pas.</translation>
    </message>
    <message>
        <source>The payer does not exist.</source>
        <translation>Le payeur n’existe pas.</translation>
    </message>
    <message>
        <source>This subscription does not exist.</source>
        <translation>Cet abonnement n’existe pas.</translation>
    </message>
    <message>
        <source>This subscription is already cancelled from %1.</source>
        <translation>Cet abonnement est déjà résilié à partir du %1.</translation>
    </message>
    <message>
        <source>A cancelled subscription cannot be renewed; restart it first.</source>
        <translation>Un abonnement résilié ne peut pas être renouvelé ; reprenez-le d’abord.</translation>
    </message>
    <message>
        <source>This subscription has no end date to renew from.</source>
        <translation>Cet abonnement n’a pas de date de fin à partir de laquelle renouveler.</translation>
    </message>
    <message>
        <source>This subscription is not cancelled.</source>
        <translation>Cet abonnement n’est pas résilié.</translation>
    </message>
    <message>
        <source>Schema version %1, expected %2.</source>
        <translation>Schéma version %1, %2 attendue.</translation>
    </message>
    <message>
        <source>Integrity: %1</source>
        <translation>Intégrité : %1</translation>
    </message>
    <message>
        <source>A row of %1 refers to a missing row of %2.</source>
        <translation>Une ligne de %1 renvoie à une ligne absente de %2.</translation>
    </message>
    <message>
        <source>The search index does not match the subscribers: %1</source>
        <translation>L’index de recherche ne correspond pas aux abonnés : %1</translation>
    </message>
    <message>
        <source>The outbox has gaps between desk sequence numbers %1 and %2.</source>
        <translation>La file d’envoi a des trous entre les numéros de séquence %1 et %2.</translation>
    </message>
    <message>
        <source>The desk sequence (%1) is behind the outbox (%2).</source>
        <translation>La séquence du poste (%1) est en retard sur la file d’envoi (%2).</translation>
    </message>
    <message>
        <source>This hold or holiday address does not exist.</source>
        <translation>Cette suspension ou adresse de vacances n’existe pas.</translation>
    </message>
</context>
<context>
    <name>Relais::SubscriberListModel</name>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Voie</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>The database could not be opened for reading.</source>
        <translation>La base n’a pas pu être ouverte en lecture.</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
</context>
<context>
    <name>Relais::SubscriptionTableModel</name>
    <message>
        <source>open-ended</source>
        <translation>sans fin</translation>
    </message>
    <message>
        <source>pays for %1</source>
        <translation>paie pour %1</translation>
    </message>
    <message>
        <source>the recipient</source>
        <translation>le destinataire</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Exemplaires</translation>
    </message>
    <message>
        <source>Status today</source>
        <translation>État aujourd’hui</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Payeur</translation>
    </message>
    <message>
        <source>%1, cancelled from %2</source>
        <translation>%1, résilié à compter du %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Relais::Sync::Credentials</name>
    <message>
        <source>The session is kept in the system keychain.</source>
        <translation>La session est conservée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>The session is kept in a file only you can read (no keychain answered).</source>
        <translation>La session est conservée dans un fichier que vous seul pouvez lire (aucun trousseau n’a répondu).</translation>
    </message>
    <message>
        <source>No session is kept on this computer: log in at each start.</source>
        <translation>Aucune session n’est conservée sur cet ordinateur : connectez-vous à chaque démarrage.</translation>
    </message>
</context>
<context>
    <name>Relais::Sync::Engine</name>
    <message>
        <source>The server made no progress for several minutes; the round was abandoned and will be tried again.</source>
        <translation>Le serveur n’a pas avancé depuis plusieurs minutes ; la synchronisation a été abandonnée et sera retentée.</translation>
    </message>
    <message>
        <source>No progress for several minutes.</source>
        <translation>Aucune avancée depuis plusieurs minutes.</translation>
    </message>
    <message>
        <source>No server is configured.</source>
        <translation>Aucun serveur n’est configuré.</translation>
    </message>
    <message>
        <source>The server refused this user name and password.</source>
        <translation>Le serveur a refusé cet identifiant et ce mot de passe.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: the server asks to wait %n second(s).</source>
        <translation>
            <numerusform>Trop de connexions échouées : le serveur demande d’attendre %Ln seconde.</numerusform>
            <numerusform>Trop de connexions échouées : le serveur demande d’attendre %Ln secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>Le serveur est injoignable : %1</translation>
    </message>
    <message>
        <source>The server answered %1 to the login.</source>
        <translation>Le serveur a répondu %1 à la connexion.</translation>
    </message>
    <message>
        <source>Logged out. Changes stay queued until the next login.</source>
        <translation>Déconnecté. Les modifications restent en attente jusqu’à la prochaine connexion.</translation>
    </message>
    <message>
        <source>This is a demo desk: it is never synced with a server. Use a new desk file to work with the server.</source>
        <translation>Ceci est un poste de démonstration : il n’est jamais synchronisé avec un serveur. Prenez un nouveau fichier de poste pour travailler avec le serveur.</translation>
    </message>
    <message>
        <source>No server is configured for this desk.</source>
        <translation>Aucun serveur n’est configuré pour ce poste.</translation>
    </message>
    <message>
        <source>Log in to send this desk&apos;s changes; work goes on meanwhile.</source>
        <translation>Connectez-vous pour envoyer les modifications de ce poste ; en attendant, le travail continue.</translation>
    </message>
    <message>
        <source>The server asks for a new login; changes stay queued and work goes on meanwhile.</source>
        <translation>Le serveur demande une nouvelle connexion ; les modifications restent en attente et, en attendant, le travail continue.</translation>
    </message>
    <message>
        <source>The desk database could not record what the server sent; nothing was lost and the round will be tried again. (%1)</source>
        <translation>La base du poste n’a pas pu enregistrer ce que le serveur a envoyé ; rien n’est perdu et la synchronisation sera retentée. (%1)</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1); changes stay queued.</source>
        <translation>Le serveur est injoignable (%1) ; les modifications restent en attente.</translation>
    </message>
    <message>
        <source>The server is busy; changes stay queued.</source>
        <translation>Le serveur est occupé ; les modifications restent en attente.</translation>
    </message>
    <message>
        <source>The server failed (%1 %2); changes stay queued.</source>
        <translation>Le serveur est en erreur (%1 %2) ; les modifications restent en attente.</translation>
    </message>
    <message>
        <source>The server refused %1 (%2 %3).</source>
        <translation>Le serveur a refusé %1 (%2 %3).</translation>
    </message>
    <message>
        <source>the first copy</source>
        <translation>la copie initiale</translation>
    </message>
    <message>
        <source>The first copy was stopped; it goes on from here next time.</source>
        <translation>La copie initiale a été interrompue ; elle reprendra à partir de ce point la prochaine fois.</translation>
    </message>
    <message numerus="yes">
        <source>The server was put back from a backup and had lost %n of this desk&apos;s changes; they were sent again.</source>
        <translation>
            <numerusform>Le serveur a été restauré depuis une sauvegarde et avait perdu %Ln modification de ce poste ; elle a été renvoyée.</numerusform>
            <numerusform>Le serveur a été restauré depuis une sauvegarde et avait perdu %Ln modifications de ce poste ; elles ont été renvoyées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) acknowledged before the backup are no longer on this desk either: see the journal.</source>
        <translation>
            <numerusform>%Ln modification confirmée avant la sauvegarde n’est plus non plus sur ce poste : consultez le journal.</numerusform>
            <numerusform>%Ln modifications confirmées avant la sauvegarde ne sont plus non plus sur ce poste : consultez le journal.</numerusform>
        </translation>
    </message>
    <message>
        <source>the exchange</source>
        <translation>l’échange</translation>
    </message>
    <message>
        <source>Sync stopped; changes stay queued.</source>
        <translation>Synchronisation arrêtée ; les modifications restent en attente.</translation>
    </message>
    <message>
        <source>the changes sent</source>
        <translation>les modifications envoyées</translation>
    </message>
    <message>
        <source>the subscriber numbers</source>
        <translation>les numéros d’abonné</translation>
    </message>
    <message>
        <source>Sync stopped.</source>
        <translation>Synchronisation arrêtée.</translation>
    </message>
    <message>
        <source>the changes received</source>
        <translation>les modifications reçues</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a clerk: see the sync panel.</source>
        <translation>
            <numerusform>%Ln modification demande l’intervention d’un agent : consultez le panneau de synchronisation.</numerusform>
            <numerusform>%Ln modifications demandent l’intervention d’un agent : consultez le panneau de synchronisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no open conflict number %1.</source>
        <translation>Aucun conflit ouvert ne porte le numéro %1.</translation>
    </message>
    <message>
        <source>Operation %1 is not a rejected operation.</source>
        <translation>L’opération %1 n’est pas une opération refusée.</translation>
    </message>
    <message numerus="yes">
        <source>This desk&apos;s file is an older copy of itself (restored from a backup, or copied to another computer): it now goes on as a new desk. %n of its changes, made on this copy only, will be sent under the new desk.</source>
        <translation>
            <numerusform>Le fichier de ce poste est une copie plus ancienne de lui-même (restauré depuis une sauvegarde, ou copié sur un autre ordinateur) : il continue désormais comme un nouveau poste. %Ln modification faite sur cette copie seulement sera envoyée sous le nouveau poste.</numerusform>
            <numerusform>Le fichier de ce poste est une copie plus ancienne de lui-même (restauré depuis une sauvegarde, ou copié sur un autre ordinateur) : il continue désormais comme un nouveau poste. %Ln modifications faites sur cette copie seulement seront envoyées sous le nouveau poste.</numerusform>
        </translation>
    </message>
    <message>
        <source>The session has expired: log in again. Work goes on meanwhile; changes wait in the queue.</source>
        <translation>La session a expiré : reconnectez-vous. Le travail continue en attendant ; les modifications attendent dans la file.</translation>
    </message>
    <message>
        <source>Log in to see the desks.</source>
        <translation>Connectez-vous pour voir les postes.</translation>
    </message>
    <message>
        <source>The server asks for a new login.</source>
        <translation>Le serveur demande une nouvelle connexion.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator sees the desks.</source>
        <translation>Seuls un superviseur ou un administrateur voient les postes.</translation>
    </message>
    <message>
        <source>The server answered %1 (%2).</source>
        <translation>Le serveur a répondu %1 (%2).</translation>
    </message>
</context>
<context>
    <name>Relais::Sync::HttpClient</name>
    <message>
        <source>No answer within the time allowed.</source>
        <translation>Pas de réponse dans le délai imparti.</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>Erreur TLS</translation>
    </message>
    <message>
        <source>The server closed the connection before answering.</source>
        <translation>Le serveur a fermé la connexion avant de répondre.</translation>
    </message>
    <message>
        <source>The server&apos;s answer has a header too large to be an answer of Relais.</source>
        <translation>La réponse du serveur a un en-tête trop grand pour être une réponse de Relais.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not HTTP.</source>
        <translation>La réponse du serveur n’est pas du HTTP.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is malformed (chunk size).</source>
        <translation>La réponse du serveur est mal formée (taille de bloc).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is malformed (length).</source>
        <translation>La réponse du serveur est mal formée (longueur).</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::AddressFields</name>
    <message>
        <source>Towns for %1: %2</source>
        <translation>Communes du %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Line &amp;2 (apartment, floor, c/o)</source>
        <translation>Ligne &amp;2 (appartement, étage, chez)</translation>
    </message>
    <message>
        <source>Line &amp;3 (building, residence)</source>
        <translation>Ligne &amp;3 (bâtiment, résidence)</translation>
    </message>
    <message>
        <source>Line &amp;4 (number and street)</source>
        <translation>Ligne &amp;4 (numéro et voie)</translation>
    </message>
    <message>
        <source>Line &amp;5 (lieu-dit, BP)</source>
        <translation>Ligne &amp;5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal c&amp;ode</source>
        <translation>&amp;Code postal</translation>
    </message>
    <message>
        <source>To&amp;wn</source>
        <translation>Comm&amp;une</translation>
    </message>
    <message>
        <source>Postal code and town as printed on line 6</source>
        <translation>Code postal et commune tels qu’imprimés en ligne 6</translation>
    </message>
    <message>
        <source>Line 6</source>
        <translation>Ligne 6</translation>
    </message>
    <message>
        <source>Countr&amp;y (empty for France)</source>
        <translation>Pa&amp;ys (vide pour la France)</translation>
    </message>
    <message>
        <source>(postal code and town)</source>
        <translation>(code postal et commune)</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::BackupDialog</name>
    <message>
        <source>Backups of the desk</source>
        <translation>Sauvegardes du poste</translation>
    </message>
    <message>
        <source>Relais backs the desk up when the window closes and once a day, into %1. Seven daily and four weekly backups are kept. Each is verified when it is made.</source>
        <translation>Relais sauvegarde le poste à la fermeture de la fenêtre et une fois par jour, dans %1. Sept sauvegardes quotidiennes et quatre hebdomadaires sont gardées. Chacune est vérifiée dès qu’elle est faite.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifiée</translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation>Abonnés</translation>
    </message>
    <message>
        <source>Queued changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Do &amp;not restore</source>
        <translation>&amp;Ne pas restaurer</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation>&amp;Vérifier de nouveau</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Also copy to (a share, a USB disk):</source>
        <translation>Copier aussi vers (un partage, un disque USB) :</translation>
    </message>
    <message>
        <source>No second copy</source>
        <translation>Pas de seconde copie</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>The backup is verified. Relais restores it when it starts again. Close Relais now?</source>
        <translation>La sauvegarde est vérifiée. Relais la restaurera à son prochain démarrage. Fermer Relais maintenant ?</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>À la main</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Quotidienne</translation>
    </message>
    <message>
        <source>At closing</source>
        <translation>À la fermeture</translation>
    </message>
    <message>
        <source>Yes, %1</source>
        <translation>Oui, %1</translation>
    </message>
    <message>
        <source>No: its manifest is missing</source>
        <translation>Non : son manifeste manque</translation>
    </message>
    <message>
        <source>The backup %1 will be restored when Relais starts again.</source>
        <translation>La sauvegarde %1 sera restaurée au prochain démarrage de Relais.</translation>
    </message>
    <message>
        <source>Restore the backup of %1?

The desk goes back to that moment. Changes made since that were already sent are brought back from the server at the next sync; changes never sent are lost. The current desk file is kept aside. Relais restores the backup when it starts again.</source>
        <translation>Restaurer la sauvegarde du %1 ?

Le poste revient à ce moment-là. Les modifications faites depuis et déjà envoyées reviennent du serveur à la prochaine synchronisation ; celles jamais envoyées sont perdues. Le fichier actuel du poste est mis de côté. Relais restaure la sauvegarde à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Checking the backup before the restore…</source>
        <translation>Vérification de la sauvegarde avant la restauration…</translation>
    </message>
    <message>
        <source>Verifying the backup…</source>
        <translation>Vérification de la sauvegarde…</translation>
    </message>
    <message>
        <source>Stopped; nothing was changed.</source>
        <translation>Arrêté ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>This backup cannot be restored; nothing was changed.
%1</source>
        <translation>Cette sauvegarde ne peut pas être restaurée ; rien n’a été modifié.
%1</translation>
    </message>
    <message>
        <source>This backup did not pass its verification.
%1</source>
        <translation>Cette sauvegarde n’a pas passé sa vérification.
%1</translation>
    </message>
    <message>
        <source>The backup %1 is intact.</source>
        <translation>La sauvegarde %1 est intacte.</translation>
    </message>
    <message>
        <source>The restore will run when Relais starts again.</source>
        <translation>La restauration aura lieu au prochain démarrage de Relais.</translation>
    </message>
    <message>
        <source>No restore at the next start.</source>
        <translation>Pas de restauration au prochain démarrage.</translation>
    </message>
    <message>
        <source>Second folder for the backups</source>
        <translation>Second dossier pour les sauvegardes</translation>
    </message>
    <message>
        <source>Restoring the desk from its backup…</source>
        <translation>Restauration du poste depuis sa sauvegarde…</translation>
    </message>
    <message>
        <source>The backup %1 was not restored; the desk is as it was.

%2</source>
        <translation>La sauvegarde %1 n’a pas été restaurée ; le poste est resté tel quel.

%2</translation>
    </message>
    <message>
        <source>The desk is back as it was on %1. The file as it was before is kept as %2.

At the next sync the desk sends its queued changes and brings back what the server holds.</source>
        <translation>Le poste est revenu tel qu’il était le %1. Le fichier d’avant est gardé sous %2.

À la prochaine synchronisation, le poste envoie ses modifications en attente et récupère ce que détient le serveur.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::BackupService</name>
    <message>
        <source>The backup was cancelled; the previous backups are kept.</source>
        <translation>La sauvegarde a été annulée ; les sauvegardes précédentes sont gardées.</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>La sauvegarde a échoué : %1</translation>
    </message>
    <message>
        <source>The newest backup already holds the desk as it is.</source>
        <translation>La dernière sauvegarde contient déjà le poste tel qu’il est.</translation>
    </message>
    <message>
        <source>The backup %1 is made and verified, but its copy to the second folder failed: %2</source>
        <translation>La sauvegarde %1 est faite et vérifiée, mais sa copie vers le second dossier a échoué : %2</translation>
    </message>
    <message>
        <source>Backup made and verified: %1</source>
        <translation>Sauvegarde faite et vérifiée : %1</translation>
    </message>
    <message>
        <source>Backing up the desk before closing…</source>
        <translation>Sauvegarde du poste avant la fermeture…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::CancelDialog</name>
    <message>
        <source>Cancel subscription</source>
        <translation>Résilier l’abonnement</translation>
    </message>
    <message>
        <source>&amp;Now: the last issue delivered is the one before %1</source>
        <translation>&amp;Maintenant : le dernier numéro livré est celui d’avant le %1</translation>
    </message>
    <message>
        <source>At the &amp;end of the term (last issue on %1)</source>
        <translation>À l’é&amp;chéance (dernier numéro le %1)</translation>
    </message>
    <message>
        <source>At the &amp;end of the term (this subscription has none)</source>
        <translation>À l’é&amp;chéance (cet abonnement n’en a pas)</translation>
    </message>
    <message>
        <source>From a &amp;date (first issue not delivered):</source>
        <translation>À une &amp;date (premier numéro non livré) :</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>M&amp;otif</translation>
    </message>
    <message>
        <source>Cancel the subscription</source>
        <translation>Résilier</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Conserver</translation>
    </message>
    <message>
        <source>Delivered up to %1 inclusive.</source>
        <translation>Livré jusqu’au %1 inclus.</translation>
    </message>
    <message>
        <source>Choose when the subscription stops: now, at the end of the term or from a date.</source>
        <translation>Choisissez quand l’abonnement s’arrête&#xa0;: maintenant, à l’échéance ou à partir d’une date.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ChartWidget</name>
    <message>
        <source>Starts and stops per week</source>
        <translation>Nouveaux abonnements et arrêts par semaine</translation>
    </message>
    <message>
        <source>week of %1: %2 starts, %3 stops</source>
        <translation>semaine du %1&#xa0;: %2 nouveaux abonnements, %3 arrêts</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Nouveaux abonnements</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Arrêts</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ComplaintDialog</name>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>&amp;Issue of</source>
        <translation>&amp;Numéro du</translation>
    </message>
    <message>
        <source>&amp;Complaint</source>
        <translation>&amp;Réclamation</translation>
    </message>
    <message>
        <source>&amp;Push the end back by</source>
        <translation>&amp;Reporter la fin de</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>N&amp;ote</translation>
    </message>
    <message>
        <source>Record the complaint</source>
        <translation>Enregistrer la réclamation</translation>
    </message>
    <message numerus="yes">
        <source> issue(s)</source>
        <comment>after a number</comment>
        <translation>
            <numerusform> numéro</numerusform>
            <numerusform> numéros</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ConflictDialog</name>
    <message>
        <source>Settle a conflict</source>
        <translation>Régler un conflit</translation>
    </message>
    <message>
        <source>Someone else changed these fields on the server after you began your change. Choose, field by field, the value to keep; your choice is sent to the server.</source>
        <translation>Quelqu’un d’autre a modifié ces champs sur le serveur après le début de votre modification. Choisissez, champ par champ, la valeur à conserver ; votre choix est envoyé au serveur.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Ma valeur</translation>
    </message>
    <message>
        <source>Now on the server</source>
        <translation>Actuellement sur le serveur</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conserver</translation>
    </message>
    <message>
        <source>The server&apos;s</source>
        <translation>Celle du serveur</translation>
    </message>
    <message>
        <source>&amp;Keep these values</source>
        <translation>&amp;Conserver ces valeurs</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DateField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>Calendar (Alt+Down)</source>
        <translation>Calendrier (Alt+Bas)</translation>
    </message>
    <message>
        <source>A date as dd/mm/yyyy; 2/8/27, 02082027 and 2027-08-02 are read too. Up and Down: a day later or earlier; Alt+Down: the calendar.</source>
        <translation>Une date jj/mm/aaaa&#xa0;; 2/8/27, 02082027 et 2027-08-02 sont lus aussi. Haut et Bas&#xa0;: un jour plus tard ou plus tôt&#xa0;; Alt+Bas&#xa0;: le calendrier.</translation>
    </message>
    <message>
        <source>Type a date as dd/mm/yyyy.</source>
        <translation>Tapez une date sous la forme jj/mm/aaaa.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date: type it as dd/mm/yyyy (for example %2).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une date&#xa0;: tapez-la sous la forme jj/mm/aaaa (par exemple %2).</translation>
    </message>
    <message>
        <source>%1 is outside the dates accepted here (%2 to %3).</source>
        <translation>Le %1 est en dehors des dates acceptées ici (du %2 au %3).</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DeliveryChangeDialog</name>
    <message>
        <source>Hold deliveries</source>
        <translation>Suspendre la livraison</translation>
    </message>
    <message>
        <source>Holiday address</source>
        <translation>Adresse de vacances</translation>
    </message>
    <message>
        <source>&amp;From (inclusive)</source>
        <translation>&amp;Du (inclus)</translation>
    </message>
    <message>
        <source>&amp;To (inclusive)</source>
        <translation>&amp;Au (inclus)</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Rien</translation>
    </message>
    <message>
        <source>Push the end date back by the issues missed</source>
        <translation>Reporter la fin du nombre de numéros manqués</translation>
    </message>
    <message>
        <source>&amp;Missed issues</source>
        <translation>Numéros &amp;manqués</translation>
    </message>
    <message>
        <source>Add the hold</source>
        <translation>Ajouter la suspension</translation>
    </message>
    <message>
        <source>Add the address</source>
        <translation>Ajouter l’adresse</translation>
    </message>
    <message>
        <source>Saved now (cut-off %1 for %2), a change first reaches the issue of %3.</source>
        <translation>Enregistré maintenant (heure limite %1 pour %2), un changement s’applique à partir du numéro du %3.</translation>
    </message>
    <message>
        <source>Issues before %1 have already gone to the mailing house: this one starts in practice with the issue of %2.</source>
        <translation>Les numéros d’avant le %1 sont déjà partis chez le routeur : en pratique, ce changement commence avec le numéro du %2.</translation>
    </message>
    <message>
        <source>First issue concerned: %1.</source>
        <translation>Premier numéro concerné : %1.</translation>
    </message>
    <message>
        <source>Change the dates of the hold</source>
        <translation>Modifier les dates de la suspension</translation>
    </message>
    <message>
        <source>Change the dates of the holiday address</source>
        <translation>Modifier les dates de l’adresse de vacances</translation>
    </message>
    <message>
        <source>Change the dates</source>
        <translation>Modifier les dates</translation>
    </message>
    <message>
        <source>&lt;b&gt;Holiday address&lt;/b&gt; (NF Z10-011, 38 characters per line)</source>
        <translation>&lt;b&gt;Adresse de vacances&lt;/b&gt; (NF Z10-011, 38 caractères par ligne)</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DeskStatus</name>
    <message>
        <source>Local only</source>
        <translation>Local uniquement</translation>
    </message>
    <message>
        <source>No server is configured: this desk works on its own file.</source>
        <translation>Aucun serveur n’est configuré : ce poste travaille sur son propre fichier.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>The server cannot be reached. Work goes on; changes wait in the queue.</source>
        <translation>Le serveur est injoignable. Le travail continue ; les modifications attendent dans la file.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Poste : %1</translation>
    </message>
    <message>
        <source>Queue unknown</source>
        <translation>File inconnue</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) queued</source>
        <translation>
            <numerusform>%Ln modification en attente</numerusform>
            <numerusform>%Ln modifications en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <source>Login needed</source>
        <translation>Connexion requise</translation>
    </message>
    <message>
        <source>Next try at %1.</source>
        <translation>Prochain essai : %1.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Sending %L1 of %L2</source>
        <translation>Envoi : %L1 sur %L2</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>First copy: %L1 of %L2 rows</source>
        <translation>Copie initiale : %L1 lignes sur %L2</translation>
    </message>
    <message>
        <source>First copy: %L1 rows</source>
        <translation>Copie initiale : %L1 lignes</translation>
    </message>
    <message>
        <source>Receiving %L1</source>
        <translation>Réception : %L1</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Réception…</translation>
    </message>
    <message>
        <source>Up to date with the server (change %L1) at %2.</source>
        <translation>À jour avec le serveur (modification n° %L1) ; dernière synchronisation : %2.</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention: %n</source>
        <translation>
            <numerusform>À traiter : %Ln</numerusform>
            <numerusform>À traiter : %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Work goes on; changes wait until you log in (Sync menu).</source>
        <translation>Le travail continue ; les modifications attendent votre connexion (menu Synchronisation).</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber number(s) left</source>
        <translation>
            <numerusform>%Ln numéro d’abonné restant</numerusform>
            <numerusform>%Ln numéros d’abonné restants</numerusform>
        </translation>
    </message>
    <message>
        <source>Numbers for new subscribers come in blocks from the server. Connect before they run out; offline, new subscribers wait for a number.</source>
        <translation>Les numéros des nouveaux abonnés arrivent du serveur par blocs. Connectez-vous avant qu’ils soient épuisés ; hors ligne, les nouveaux abonnés attendent un numéro.</translation>
    </message>
    <message numerus="yes">
        <source>Clock off by %n min</source>
        <translation>
            <numerusform>Horloge décalée de %Ln min</numerusform>
            <numerusform>Horloge décalée de %Ln min</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from the server&apos;s: dates of changes may be wrong. Ask your support team to set the time.</source>
        <translation>L’horloge de cet ordinateur diffère de celle du serveur : les dates des modifications peuvent être fausses. Demandez à votre support informatique de régler l’heure.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::DesksWindow</name>
    <message>
        <source>Desks at a glance</source>
        <translation>Les postes d&apos;un coup d&apos;œil</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Dernier envoi</translation>
    </message>
    <message>
        <source>Last pull</source>
        <translation>Dernière réception</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Oldest queued change</source>
        <translation>Plus ancienne modification en attente</translation>
    </message>
    <message>
        <source>Epoch seen</source>
        <translation>Époque vue</translation>
    </message>
    <message>
        <source>Numbers left</source>
        <translation>Numéros restants</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Clock skew</source>
        <translation>Décalage d&apos;horloge</translation>
    </message>
    <message>
        <source>A desk is &lt;b&gt;late&lt;/b&gt; when changes it had queued before the last cut-off of a title have not reached the server since: they miss that issue&apos;s labels. Call the desk.</source>
        <translation>Un poste est &lt;b&gt;en retard&lt;/b&gt; quand des modifications mises en attente avant la dernière heure limite d&apos;un titre ne sont pas arrivées au serveur depuis : elles manquent les étiquettes de ce numéro. Appelez le poste.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>This desk does not sync with a server.</source>
        <translation>Ce poste ne se synchronise avec aucun serveur.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>Desk %1, registered %2</source>
        <translation>Poste %1, enregistré le %2</translation>
    </message>
    <message>
        <source>LATE</source>
        <translation>EN RETARD</translation>
    </message>
    <message>
        <source>As the desk reported it on %1</source>
        <translation>Tel que le poste l&apos;a signalé le %1</translation>
    </message>
    <message>
        <source> (old)</source>
        <translation> (ancienne)</translation>
    </message>
    <message numerus="yes">
        <source>%n desk(s), as the server saw them at %1.</source>
        <translation>
            <numerusform>%Ln poste, tel que le serveur le voyait à %1.</numerusform>
            <numerusform>%Ln postes, tels que le serveur les voyait à %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last cut-off: %1.</source>
        <translation>Dernière heure limite : %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n desk(s) late.</source>
        <translation>
            <numerusform>%Ln poste en retard.</numerusform>
            <numerusform>%Ln postes en retard.</numerusform>
        </translation>
    </message>
    <message>
        <source>never reported</source>
        <translation>jamais signalé</translation>
    </message>
    <message>
        <source>The desk registered on %1 and has never reported what it holds.</source>
        <translation>Le poste s’est enregistré le %1 et n’a jamais signalé ce qu’il a en attente.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ExportDialog</name>
    <message>
        <source>Export for the mailing house</source>
        <translation>Exporter pour le routeur</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Issue date</source>
        <translation>&amp;Date de parution</translation>
    </message>
    <message>
        <source>routeur (address labels for the mailing house)</source>
        <translation>routeur (étiquettes d’adresse pour le routeur)</translation>
    </message>
    <message>
        <source>complet (every field)</source>
        <translation>complet (tous les champs)</translation>
    </message>
    <message>
        <source>Column &amp;set</source>
        <translation>&amp;Jeu de colonnes</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 avec BOM</translation>
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
        <translation>&amp;Encodage</translation>
    </message>
    <message>
        <source>&amp;Only the changes since the issue of</source>
        <translation>&amp;Seulement les changements depuis le numéro du</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>&amp;Cancel the export</source>
        <translation>&amp;Annuler l’export</translation>
    </message>
    <message>
        <source>%1 lines written…</source>
        <translation>%1 lignes écrites…</translation>
    </message>
    <message>
        <source>This desk has no title to export.</source>
        <translation>Ce poste n’a aucun titre à exporter.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Choisissez le fichier à écrire.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <source>The export stopped unexpectedly; no file was written.</source>
        <translation>L’export s’est arrêté de façon inattendue ; aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Export annulé : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export finished:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Export terminé :&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Rows: %1, copies: %2</source>
        <translation>Lignes : %1, exemplaires : %2</translation>
    </message>
    <message>
        <source>Added: %1, dropped: %2</source>
        <translation>Ajouts : %1, suppressions : %2</translation>
    </message>
    <message>
        <source>Addresses too long for a label: %1, listed in %2</source>
        <translation>Adresses trop longues pour une étiquette : %1, listées dans %2</translation>
    </message>
    <message>
        <source>No address too long for a label.</source>
        <translation>Aucune adresse trop longue pour une étiquette.</translation>
    </message>
    <message>
        <source>Streets abbreviated: %1</source>
        <translation>Voies abrégées : %1</translation>
    </message>
    <message>
        <source>Characters replaced for Windows-1252: %1</source>
        <translation>Caractères remplacés pour Windows-1252 : %1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256 : %1</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 existe déjà. Le remplacer ?</translation>
    </message>
    <message>
        <source>CSV for the mailing house</source>
        <translation>CSV pour le routeur</translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx): postal codes and numbers kept as text</source>
        <translation>Classeur (.xlsx) : codes postaux et numéros gardés en texte</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx);;All files (*)</source>
        <translation>Classeurs (*.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Sheets of address labels (PDF)</source>
        <translation>Planches d’étiquettes d’adresse (PDF)</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>&amp;top</source>
        <translation>&amp;haut</translation>
    </message>
    <message>
        <source>le&amp;ft</source>
        <translation>&amp;gauche</translation>
    </message>
    <message>
        <source>&amp;Labels, margins</source>
        <translation>Éti&amp;quettes, marges</translation>
    </message>
    <message>
        <source>&amp;Print the labels…</source>
        <translation>&amp;Imprimer les étiquettes…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>Fichiers PDF (*.pdf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Address labels</source>
        <translation>Étiquettes d’adresse</translation>
    </message>
    <message>
        <source>Print the labels</source>
        <translation>Imprimer les étiquettes</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Labels sent to the printer.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Étiquettes envoyées à l’imprimante.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Issue &amp;report (PDF)</source>
        <translation>&amp;Rapport de parution (PDF)</translation>
    </message>
    <message>
        <source>The page to sign before the print run: copies by département and delivery mode, adds and drops, holds, holiday addresses, complaints.</source>
        <translation>La page à signer avant le tirage : exemplaires par département et mode de livraison, ajouts et suppressions, suspensions, adresses de vacances, réclamations.</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Rapport de parution</translation>
    </message>
    <message>
        <source>%1-%2-report.pdf</source>
        <translation>%1-%2-rapport.pdf</translation>
    </message>
    <message>
        <source>Writing the issue report…</source>
        <translation>Écriture du rapport de parution…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Issue report written:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Rapport de parution écrit :&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::ImportDialog</name>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 avec BOM</translation>
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
        <translation>tabulation</translation>
    </message>
    <message>
        <source>Import subscribers</source>
        <translation>Importer des abonnés</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Columns (the field each one feeds) and the first rows:</source>
        <translation>Colonnes (le champ que chacune remplit) et premières lignes :</translation>
    </message>
    <message>
        <source>Check &amp;only (dry run: nothing is written)</source>
        <translation>&amp;Vérifier seulement (essai à blanc : rien n’est écrit)</translation>
    </message>
    <message>
        <source>&amp;Skip invalid rows, writing them to</source>
        <translation>&amp;Mettre de côté les lignes invalides, dans</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>&amp;Cancel the import</source>
        <translation>&amp;Annuler l’import</translation>
    </message>
    <message>
        <source>Import subscribers from</source>
        <translation>Importer des abonnés depuis</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Encoding: %1; separator: %2; %3 columns</source>
        <translation>Encodage : %1 ; séparateur : %2 ; %3 colonnes</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignorée)</translation>
    </message>
    <message>
        <source>(unknown: choose a field)</source>
        <translation>(inconnue : choisissez un champ)</translation>
    </message>
    <message>
        <source>Some columns are not recognised: choose their field or ignore them.</source>
        <translation>Certaines colonnes ne sont pas reconnues : choisissez leur champ ou ignorez-les.</translation>
    </message>
    <message>
        <source>Choose the file the invalid rows go to.</source>
        <translation>Choisissez le fichier où vont les lignes invalides.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>The import stopped unexpectedly; nothing was written.</source>
        <translation>L’import s’est arrêté de façon inattendue ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import annulé : rien n’a été écrit.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check finished&lt;/b&gt; (nothing was written).</source>
        <translation>&lt;b&gt;Vérification terminée&lt;/b&gt; (rien n’a été écrit).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Import terminé.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>Lignes lues : %1</translation>
    </message>
    <message>
        <source>Subscribers that would be created: %1</source>
        <translation>Abonnés qui seraient créés : %1</translation>
    </message>
    <message>
        <source>Subscribers created: %1</source>
        <translation>Abonnés créés : %1</translation>
    </message>
    <message>
        <source>Duplicates (already there, not created): %1</source>
        <translation>Doublons (déjà présents, non créés) : %1</translation>
    </message>
    <message>
        <source>Invalid rows skipped: %1, written to %2</source>
        <translation>Lignes invalides mises de côté : %1, écrites dans %2</translation>
    </message>
    <message>
        <source>Some rows are invalid (listed below); nothing was imported. To import the valid rows, tick &quot;Skip invalid rows&quot;.</source>
        <translation>Des lignes sont invalides (voir ci-dessous) ; rien n’a été importé. Pour importer les lignes valides, cochez « Mettre de côté les lignes invalides ».</translation>
    </message>
    <message>
        <source>Line 1 (civility, first and last name)</source>
        <translation>Ligne 1 (civilité, prénom et nom)</translation>
    </message>
    <message>
        <source>Line 6 (postal code and town)</source>
        <translation>Ligne 6 (code postal et commune)</translation>
    </message>
    <message>
        <source>INSEE commune code (checked against the postal code, kept with the address)</source>
        <translation>Code commune INSEE (vérifié avec le code postal, gardé avec l’adresse)</translation>
    </message>
    <message>
        <source>I&amp;gnore the columns not recognised</source>
        <translation>I&amp;gnorer les colonnes non reconnues</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::LoginDialog</name>
    <message>
        <source>Log in to the server</source>
        <translation>Connexion au serveur</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Log &amp;in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>The password is sent to the server once; only the session it opens is kept on this computer.</source>
        <translation>Le mot de passe n’est envoyé qu’une fois au serveur ; seule la session qu’il ouvre est conservée sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The server address starts with https:// (for example https://relais.example.fr).</source>
        <translation>L’adresse du serveur commence par https:// (par exemple https://relais.example.fr).</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Saisissez votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New subscriber</source>
        <translation>&amp;Nouvel abonné</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Recherche</translation>
    </message>
    <message>
        <source>&amp;Find a subscriber</source>
        <translation>&amp;Chercher un abonné</translation>
    </message>
    <message>
        <source>Go to the &amp;results</source>
        <translation>Aller aux &amp;résultats</translation>
    </message>
    <message>
        <source>&amp;Refresh the list</source>
        <translation>&amp;Actualiser la liste</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>Fic&amp;he</translation>
    </message>
    <message>
        <source>&amp;Identity and address</source>
        <translation>&amp;Identité et adresse</translation>
    </message>
    <message>
        <source>&amp;Subscriptions</source>
        <translation>&amp;Abonnements</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>Su&amp;bscriptions</source>
        <translation>A&amp;bonnements</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>&amp;Listes</translation>
    </message>
    <message>
        <source>&amp;Worklists…</source>
        <translation>Listes de &amp;travail…</translation>
    </message>
    <message>
        <source>&amp;Overview…</source>
        <translation>Tableau de &amp;bord…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Relais</source>
        <translation>À &amp;propos de Relais</translation>
    </message>
    <message>
        <source>About Relais</source>
        <translation>À propos de Relais</translation>
    </message>
    <message>
        <source>&lt;b&gt;Relais&lt;/b&gt; %1&lt;br&gt;Subscriptions and deliveries, online or not.&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;Relais&lt;/b&gt; %1&lt;br&gt;Abonnements et livraisons, en ligne ou non.&lt;br&gt;Base : %2</translation>
    </message>
    <message>
        <source>Relais — %1</source>
        <translation>Relais — %1</translation>
    </message>
    <message>
        <source>&amp;Import subscribers…</source>
        <translation>&amp;Importer des abonnés…</translation>
    </message>
    <message>
        <source>E&amp;xport for the mailing house…</source>
        <translation>E&amp;xporter pour le routeur…</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s) imported.</source>
        <translation>
            <numerusform>%Ln abonné importé.</numerusform>
            <numerusform>%Ln abonnés importés.</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync &amp;panel…</source>
        <translation>&amp;Panneau de synchronisation…</translation>
    </message>
    <message>
        <source>&amp;Conflicts and refused changes…</source>
        <translation>&amp;Conflits et modifications refusées…</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>Se c&amp;onnecter…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Sending the last changes…</source>
        <translation>Envoi des dernières modifications…</translation>
    </message>
    <message>
        <source>Changes queued</source>
        <translation>Modifications en attente</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not reach the server yet. They are saved on this desk and will be sent at the next start.</source>
        <translation>
            <numerusform>%Ln modification n’a pas encore pu parvenir au serveur. Elle est enregistrée sur ce poste et sera envoyée au prochain démarrage.</numerusform>
            <numerusform>%Ln modifications n’ont pas encore pu parvenir au serveur. Elles sont enregistrées sur ce poste et seront envoyées au prochain démarrage.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>Sau&amp;vegardes…</translation>
    </message>
    <message>
        <source>&lt;p&gt;Enter saves the record, Esc drops its changes. In the search field, Down goes to the results and Enter opens the first one.&lt;/p&gt;&lt;p&gt;In a date field, type the whole date (02/08/2027, 2/8/27, 02082027); Up and Down change it by a day, Alt+Down opens the calendar.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Entrée enregistre la fiche, Échap abandonne ses modifications. Dans le champ de recherche, Bas descend dans les résultats et Entrée ouvre le premier.&lt;/p&gt;&lt;p&gt;Dans un champ de date, tapez la date entière (02/08/2027, 2/8/27, 02082027)&#xa0;; Haut et Bas la changent d’un jour, Alt+Bas ouvre le calendrier.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Desks at a glance…</source>
        <translation>&amp;Les postes d&apos;un coup d&apos;œil…</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::OverviewDialog</name>
    <message>
        <source>Overview</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active subscribers per title today&lt;/b&gt;</source>
        <translation>&lt;b&gt;Abonnés actifs par titre aujourd’hui&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Active subscribers</source>
        <translation>Abonnés actifs</translation>
    </message>
    <message>
        <source>&lt;b&gt;Starts and stops per week&lt;/b&gt; (last 12 weeks)</source>
        <translation>&lt;b&gt;Nouveaux abonnements et arrêts par semaine&lt;/b&gt; (12 dernières semaines)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>The overview could not be computed.</source>
        <translation>Le tableau de bord n’a pas pu être calculé.</translation>
    </message>
    <message numerus="yes">
        <source>On %1: %2 active subscribers summed over %n title(s).</source>
        <translation>
            <numerusform>Au %1&#xa0;: %2 abonnés actifs, cumulés sur %Ln titre.</numerusform>
            <numerusform>Au %1&#xa0;: %2 abonnés actifs, cumulés sur %Ln titres.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Ui::RecordView</name>
    <message>
        <source>Ti&amp;meline</source>
        <translation>Hist&amp;orique</translation>
    </message>
    <message>
        <source>Cancel changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Cancel changes</source>
        <translation>Annu&amp;ler les modifications</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The record of %1 has changes that are not saved. Save them?</source>
        <translation>La fiche de %1 a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>Changes typed earlier and never saved were restored. Save them (Ctrl+S) or drop them (Esc).</source>
        <translation>Des modifications saisies plus tôt et jamais enregistrées ont été restaurées. Enregistrez-les (Ctrl+S) ou abandonnez-les (Échap).</translation>
    </message>
    <message>
        <source>&lt;i&gt;No subscriber selected. Search (Ctrl+F) or create one (Ctrl+N).&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aucun abonné sélectionné. Cherchez (Ctrl+F) ou créez-en un (Ctrl+N).&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;New subscriber&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nouvel abonné&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;No. %1 — %2&lt;/b&gt;</source>
        <translation>&lt;b&gt;N° %1 — %2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(modified, not saved)</source>
        <translation>(modifié, non enregistré)</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n problem(s) to correct.</source>
        <translation>
            <numerusform>Non enregistré : %Ln problème à corriger.</numerusform>
            <numerusform>Non enregistré : %Ln problèmes à corriger.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Subscriber no. %1 created and saved.</source>
        <translation>Abonné n° %1 créé et enregistré.</translation>
    </message>
    <message>
        <source>Subscriber no. %1 saved.</source>
        <translation>Abonné n° %1 enregistré.</translation>
    </message>
    <message>
        <source>New record dropped.</source>
        <translation>Nouvelle fiche abandonnée.</translation>
    </message>
    <message>
        <source>Changes dropped.</source>
        <translation>Modifications abandonnées.</translation>
    </message>
    <message>
        <source>the new subscriber</source>
        <translation>le nouvel abonné</translation>
    </message>
    <message>
        <source>I&amp;dentity and address</source>
        <translation>&amp;Identité et adresse</translation>
    </message>
    <message>
        <source>S&amp;ubscriptions</source>
        <translation>Abonne&amp;ments</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Canal :</translation>
    </message>
    <message>
        <source>%1 from the issue of %2</source>
        <translation>%1 à partir du numéro du %2</translation>
    </message>
    <message>
        <source>Saved now, the new address reaches: %1.</source>
        <translation>Enregistrée maintenant, la nouvelle adresse s’applique : %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Number pending — %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Numéro en attente — %1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SearchPane</name>
    <message>
        <source>Search: name, number, postal code, town, e-mail, phone (Ctrl+F)</source>
        <translation>Rechercher : nom, numéro, code postal, commune, e-mail, téléphone (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
        <source>%1 subscriber(s)</source>
        <translation>
            <numerusform>%1 abonné</numerusform>
            <numerusform>%1 abonnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 result(s) (%2 ms)</source>
        <translation>
            <numerusform>%1 résultat (%2 ms)</numerusform>
            <numerusform>%1 résultats (%2 ms)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 results, not ranked: type more to see the best first (%2 ms)</source>
        <translation>%1 résultats, non classés : continuez à taper pour voir les meilleurs d’abord (%2 ms)</translation>
    </message>
    <message>
        <source>More than %1 results, not ranked: type more to see the best first (%2 ms)</source>
        <translation>Plus de %1 résultats, non classés : continuez à taper pour voir les meilleurs d’abord (%2 ms)</translation>
    </message>
    <message>
        <source>First copy from the server under way: the list and the search are complete once it ends.</source>
        <translation>Première copie depuis le serveur en cours : la liste et la recherche seront complètes à la fin.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SettingsDialog</name>
    <message>
        <source>A desk needs a name: it appears in the audit of every change.</source>
        <translation>Un poste doit avoir un nom : il figure dans l’historique de chaque modification.</translation>
    </message>
    <message>
        <source>The server address is a web address such as https://relais.example.fr.</source>
        <translation>L’adresse du serveur est une adresse web comme https://relais.example.fr.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriberForm</name>
    <message>
        <source>&lt;b&gt;Identity&lt;/b&gt;</source>
        <translation>&lt;b&gt;Identité&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>Line 1</source>
        <translation>Ligne 1</translation>
    </message>
    <message>
        <source>INSEE code: %1</source>
        <translation>Code INSEE : %1</translation>
    </message>
    <message>
        <source>INSEE code: none (%1 is not a commune of this postal code and town)</source>
        <translation>Code INSEE : aucun (%1 n’est pas une commune de ce code postal et de cette ville)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Postal address&lt;/b&gt; (NF Z10-011, 38 characters per line)</source>
        <translation>&lt;b&gt;Adresse postale&lt;/b&gt; (NF Z10-011, 38 caractères par ligne)</translation>
    </message>
    <message>
        <source>Line &amp;2 (apartment, floor, c/o)</source>
        <translation>Ligne &amp;2 (appartement, étage, chez)</translation>
    </message>
    <message>
        <source>Line &amp;3 (building, residence)</source>
        <translation>Ligne &amp;3 (bâtiment, résidence)</translation>
    </message>
    <message>
        <source>Line &amp;4 (number and street)</source>
        <translation>Ligne &amp;4 (numéro et voie)</translation>
    </message>
    <message>
        <source>Line &amp;5 (lieu-dit, BP)</source>
        <translation>Ligne &amp;5 (lieu-dit, BP)</translation>
    </message>
    <message>
        <source>Postal c&amp;ode</source>
        <translation>&amp;Code postal</translation>
    </message>
    <message>
        <source>Line 6</source>
        <translation>Ligne 6</translation>
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
        <translation>(d’après le nom)</translation>
    </message>
    <message>
        <source>Postal code and town as printed on line 6</source>
        <translation>Code postal et commune tels qu’imprimés en ligne 6</translation>
    </message>
    <message>
        <source>Ci&amp;vility</source>
        <translation>Ci&amp;vilité</translation>
    </message>
    <message>
        <source>First &amp;name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <source>Las&amp;t name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Société</translation>
    </message>
    <message>
        <source>To&amp;wn</source>
        <translation>Comm&amp;une</translation>
    </message>
    <message>
        <source>Countr&amp;y (empty for France)</source>
        <translation>Pa&amp;ys (vide pour la France)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Téléphone</translation>
    </message>
    <message>
        <source>(postal code and town)</source>
        <translation>(code postal et commune)</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriptionDialog</name>
    <message>
        <source>New subscription for %1</source>
        <translation>Nouvel abonnement pour %1</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>&amp;Offer</source>
        <translation>&amp;Offre</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Début</translation>
    </message>
    <message>
        <source>&amp;Copies</source>
        <translation>E&amp;xemplaires</translation>
    </message>
    <message>
        <source>Renew automatically at the end of the term</source>
        <translation>Renouveler automatiquement à l’échéance</translation>
    </message>
    <message>
        <source>Paid by another subscriber (gift, company)</source>
        <translation>Payé par un autre abonné (cadeau, société)</translation>
    </message>
    <message>
        <source>Payer&apos;s subscriber number</source>
        <translation>Numéro d’abonné du payeur</translation>
    </message>
    <message>
        <source>&amp;Payer</source>
        <translation>&amp;Payeur</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>This desk has no titles or offers yet. They come with the first sync from the server, or from relaisctl.</source>
        <translation>Ce poste n’a encore ni titre ni offre. Ils arrivent avec la première synchronisation, ou par relaisctl.</translation>
    </message>
    <message>
        <source>%1 — %2 months, %3</source>
        <translation>%1 — %2 mois, %3</translation>
    </message>
    <message>
        <source>No subscriber has this number.</source>
        <translation>Aucun abonné n’a ce numéro.</translation>
    </message>
    <message numerus="yes">
        <source>From %1 to %2 inclusive, %n copy(ies).</source>
        <translation>
            <numerusform>Du %1 au %2 inclus, %Ln exemplaire.</numerusform>
            <numerusform>Du %1 au %2 inclus, %Ln exemplaires.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the subscriber number of the payer, or untick &quot;Paid by another subscriber&quot;.</source>
        <translation>Saisissez le numéro d’abonné du payeur, ou décochez « Payé par un autre abonné ».</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SubscriptionsPanel</name>
    <message>
        <source>&amp;New subscription…</source>
        <translation>&amp;Nouvel abonnement…</translation>
    </message>
    <message>
        <source>&amp;Renew</source>
        <translation>&amp;Renouveler</translation>
    </message>
    <message>
        <source>&amp;Cancel subscription…</source>
        <translation>Ré&amp;silier l’abonnement…</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <source>&amp;Hold deliveries…</source>
        <translation>S&amp;uspendre la livraison…</translation>
    </message>
    <message>
        <source>Holiday &amp;address…</source>
        <translation>&amp;Adresse de vacances…</translation>
    </message>
    <message>
        <source>Com&amp;plaint…</source>
        <translation>Ré&amp;clamation…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Holds and holiday addresses&lt;/b&gt;</source>
        <translation>&lt;b&gt;Suspensions et adresses de vacances&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Complaints&lt;/b&gt;</source>
        <translation>&lt;b&gt;Réclamations&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Subscription saved.</source>
        <translation>Abonnement enregistré.</translation>
    </message>
    <message>
        <source>Renewed until %1.</source>
        <translation>Renouvelé jusqu’au %1.</translation>
    </message>
    <message>
        <source>Subscription cancelled.</source>
        <translation>Abonnement résilié.</translation>
    </message>
    <message>
        <source>Subscription restarted.</source>
        <translation>Abonnement repris.</translation>
    </message>
    <message>
        <source>Hold saved.</source>
        <translation>Suspension enregistrée.</translation>
    </message>
    <message>
        <source>Holiday address saved.</source>
        <translation>Adresse de vacances enregistrée.</translation>
    </message>
    <message>
        <source>Complaint saved.</source>
        <translation>Réclamation enregistrée.</translation>
    </message>
    <message>
        <source>Change the &amp;dates…</source>
        <translation>Modifier les &amp;dates…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Hold dates changed.</source>
        <translation>Dates de la suspension modifiées.</translation>
    </message>
    <message>
        <source>Holiday address dates changed.</source>
        <translation>Dates de l’adresse de vacances modifiées.</translation>
    </message>
    <message>
        <source>Remove the hold</source>
        <translation>Supprimer la suspension</translation>
    </message>
    <message>
        <source>Remove the holiday address</source>
        <translation>Supprimer l’adresse de vacances</translation>
    </message>
    <message>
        <source>Remove the hold from %1 to %2? The reader is delivered again on those days.</source>
        <translation>Supprimer la suspension du %1 au %2 ? Le lecteur sera de nouveau livré ces jours-là.</translation>
    </message>
    <message>
        <source>Remove the holiday address from %1 to %2? The paper goes to the usual address again.</source>
        <translation>Supprimer l’adresse de vacances du %1 au %2 ? Le journal repart à l’adresse habituelle.</translation>
    </message>
    <message>
        <source>Hold removed.</source>
        <translation>Suspension supprimée.</translation>
    </message>
    <message>
        <source>Holiday address removed.</source>
        <translation>Adresse de vacances supprimée.</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::SyncPanel</name>
    <message>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyée</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflit</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>refusée par le serveur</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirée</translation>
    </message>
    <message>
        <source>Conflict settled</source>
        <translation>Conflit réglé</translation>
    </message>
    <message>
        <source>New subscriber</source>
        <translation>Nouvel abonné</translation>
    </message>
    <message>
        <source>Subscriber changed</source>
        <translation>Abonné modifié</translation>
    </message>
    <message>
        <source>New subscription</source>
        <translation>Nouvel abonnement</translation>
    </message>
    <message>
        <source>Renewal to %1</source>
        <translation>Renouvellement jusqu’au %1</translation>
    </message>
    <message>
        <source>Cancellation from %1</source>
        <translation>Résiliation à partir du %1</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Reprise</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Abonnement modifié</translation>
    </message>
    <message>
        <source>Hold %1 – %2</source>
        <translation>Suspension du %1 au %2</translation>
    </message>
    <message>
        <source>Holiday address %1 – %2</source>
        <translation>Adresse de vacances du %1 au %2</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Civility</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Line 4 (number and street)</source>
        <translation>Ligne 4 (numéro et voie)</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <source>Cancellation date</source>
        <translation>Date de résiliation</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>Motif de résiliation</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Exemplaires</translation>
    </message>
    <message>
        <source>Automatic renewal</source>
        <translation>Renouvellement automatique</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>Abonné</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyées</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Appliquées</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçues</translation>
    </message>
    <message>
        <source>Server change</source>
        <translation>Modification serveur</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;File d’attente</translation>
    </message>
    <message>
        <source>&amp;Needs attention</source>
        <translation>À &amp;traiter</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>S&amp;ettle…</source>
        <translation>&amp;Régler…</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>%1: mine &quot;%2&quot;, the server&apos;s &quot;%3&quot;</source>
        <translation>%1 : ma valeur « %2 », celle du serveur « %3 »</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Withdraw a refused change</source>
        <translation>Retirer une modification refusée</translation>
    </message>
    <message>
        <source>The server refused this change:

%1

Withdraw it? The desk takes back what the server holds. To make the change anyway, correct it in the record and save again.</source>
        <translation>Le serveur a refusé cette modification :

%1

La retirer ? Le poste reprend les valeurs du serveur. Pour faire la modification malgré tout, corrigez-la dans la fiche et enregistrez de nouveau.</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>à traiter</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>serveur injoignable</translation>
    </message>
    <message>
        <source>login needed</source>
        <translation>connexion requise</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>Line 2 (apartment, floor, c/o)</source>
        <translation>Ligne 2 (appartement, étage, chez)</translation>
    </message>
    <message>
        <source>Line 3 (building, residence)</source>
        <translation>Ligne 3 (bâtiment, résidence)</translation>
    </message>
    <message>
        <source>Line 5 (lieu-dit, BP)</source>
        <translation>Ligne 5 (lieu-dit, BP)</translation>
    </message>
    <message numerus="yes">
        <source>Changes waiting to be sent: %n.</source>
        <translation>
            <numerusform>Modification en attente d’envoi : %Ln.</numerusform>
            <numerusform>Modifications en attente d’envoi : %Ln.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conflicts to settle: %n.</source>
        <translation>
            <numerusform>Conflit à régler : %Ln.</numerusform>
            <numerusform>Conflits à régler : %Ln.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused changes to review: %n.</source>
        <translation>
            <numerusform>Modification refusée à examiner : %Ln.</numerusform>
            <numerusform>Modifications refusées à examiner : %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Stops the sync at the next page; the first copy goes on from there next time.</source>
        <translation>Arrête la synchronisation à la page suivante ; la première copie reprendra de là la prochaine fois.</translation>
    </message>
    <message>
        <source>End of term moved to %1</source>
        <translation>Fin d’abonnement reportée au %1</translation>
    </message>
    <message>
        <source>Hold removed</source>
        <translation>Suspension supprimée</translation>
    </message>
    <message>
        <source>Holiday address removed</source>
        <translation>Adresse de vacances supprimée</translation>
    </message>
    <message>
        <source>Hold dates changed</source>
        <translation>Dates de suspension modifiées</translation>
    </message>
    <message>
        <source>Holiday address dates changed</source>
        <translation>Dates d’adresse de vacances modifiées</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::TimelinePanel</name>
    <message>
        <source>Situation on &amp;day</source>
        <translation>Situation au &amp;jour</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes&lt;/b&gt; (newest first)</source>
        <translation>&lt;b&gt;Modifications&lt;/b&gt; (les plus récentes d’abord)</translation>
    </message>
    <message>
        <source>This subscriber was not yet recorded on %1.</source>
        <translation>Cet abonné n’était pas encore enregistré le %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Address on %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Adresse au %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Subscriptions that day</source>
        <translation>Abonnements ce jour-là</translation>
    </message>
    <message>
        <source>delivered to the holiday address:</source>
        <translation>livré à l’adresse de vacances :</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>Relais::Ui::WorklistsDialog</name>
    <message>
        <source>Worklists</source>
        <translation>Listes de travail</translation>
    </message>
    <message>
        <source>Terms ending within the next</source>
        <translation>Échéances dans les</translation>
    </message>
    <message>
        <source>&amp;Expiring</source>
        <translation>&amp;Échéances</translation>
    </message>
    <message>
        <source>&amp;Starting tomorrow</source>
        <translation>&amp;Commencent demain</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s)</source>
        <translation>
            <numerusform>%Ln abonnement</numerusform>
            <numerusform>%Ln abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>Holds and holiday addresses starting on %1: %2</source>
        <translation>Suspensions et adresses de vacances commençant le %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <comment>after a number</comment>
        <translation>
            <numerusform> jour</numerusform>
            <numerusform> jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Relais::Validation</name>
    <message>
        <source>Line %1 contains a tab, line break or other control character.</source>
        <translation>La ligne %1 contient une tabulation, un saut de ligne ou un autre caractère de contrôle.</translation>
    </message>
    <message>
        <source>The postal code and town line has %1 characters; at most %2 are allowed.</source>
        <translation>La ligne code postal et commune a %1 caractères ; %2 au plus sont permis.</translation>
    </message>
    <message>
        <source>The country line has %1 characters; at most %2 are allowed.</source>
        <translation>La ligne du pays a %1 caractères ; %2 au plus sont permis.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an INSEE commune code (5 digits, 2A or 2B and 3 digits in Corsica).</source>
        <translation>« %1 » n’est pas un code commune INSEE (5 chiffres ; en Corse 2A ou 2B et 3 chiffres).</translation>
    </message>
    <message>
        <source>An INSEE commune code (%1) is given for an address abroad (%2).</source>
        <translation>Un code commune INSEE (%1) est donné pour une adresse à l’étranger (%2).</translation>
    </message>
    <message>
        <source>The INSEE code %1 is not a commune of postal code %2; its communes are: %3.</source>
        <translation>Le code INSEE %1 n’est pas une commune du code postal %2 ; ses communes sont : %3.</translation>
    </message>
    <message>
        <source>Line %1 has %2 characters; at most %3 are allowed.</source>
        <translation>La ligne %1 a %2 caractères ; %3 au plus sont permis.</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 et %2 autres</translation>
    </message>
    <message>
        <source>The town is required.</source>
        <translation>La commune est obligatoire.</translation>
    </message>
    <message>
        <source>The postal code is required for an address in France.</source>
        <translation>Le code postal est obligatoire pour une adresse en France.</translation>
    </message>
    <message>
        <source>The postal code &quot;%1&quot; is not valid: a French postal code has exactly 5 digits.</source>
        <translation>Le code postal « %1 » n’est pas valide : un code postal français a exactement 5 chiffres.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Vouliez-vous dire %1 ?</translation>
    </message>
    <message>
        <source>The postal code %1 does not exist in La Poste&apos;s list.</source>
        <translation>Le code postal %1 n’existe pas dans la liste de La Poste.</translation>
    </message>
    <message>
        <source>No town named %1 has a postal code starting with %2; check the town and the CEDEX code.</source>
        <translation>Aucune commune nommée %1 n’a de code postal commençant par %2 ; vérifiez la commune et le code CEDEX.</translation>
    </message>
    <message>
        <source>The postal code %1 is for %2, not %3.</source>
        <translation>Le code postal %1 correspond à %2, pas à %3.</translation>
    </message>
    <message>
        <source>The number and street (line 4) is required, unless line 5 gives a lieu-dit or a post-office box.</source>
        <translation>Le numéro et la voie (ligne 4) sont obligatoires, sauf si la ligne 5 donne un lieu-dit ou une boîte postale.</translation>
    </message>
    <message>
        <source>Write the town as La Poste&apos;s routing label: %1.</source>
        <translation>Écrivez la commune comme le libellé d’acheminement de La Poste : %1.</translation>
    </message>
    <message>
        <source>The country &quot;%1&quot; is not a country name.</source>
        <translation>« %1 » n’est pas un nom de pays.</translation>
    </message>
    <message>
        <source>A last name or a company name is required.</source>
        <translation>Un nom ou une raison sociale est obligatoire.</translation>
    </message>
    <message>
        <source>The email address &quot;%1&quot; is not valid: %2</source>
        <translation>L’adresse e-mail « %1 » n’est pas valide : %2</translation>
    </message>
    <message>
        <source>it has %1 characters; at most 254 are allowed.</source>
        <translation>elle a %1 caractères ; 254 au plus sont permis.</translation>
    </message>
    <message>
        <source>it contains a space.</source>
        <translation>elle contient une espace.</translation>
    </message>
    <message>
        <source>it must contain exactly one @.</source>
        <translation>elle doit contenir exactement un @.</translation>
    </message>
    <message>
        <source>there is nothing before the @.</source>
        <translation>il n’y a rien avant le @.</translation>
    </message>
    <message>
        <source>the part before the @ has %1 characters; at most 64 are allowed.</source>
        <translation>la partie avant le @ a %1 caractères ; 64 au plus sont permis.</translation>
    </message>
    <message>
        <source>the part after the @ must be a domain such as example.fr.</source>
        <translation>la partie après le @ doit être un domaine comme exemple.fr.</translation>
    </message>
    <message>
        <source>the domain has an empty part (two dots, or a dot at the start or end).</source>
        <translation>le domaine a une partie vide (deux points, ou un point au début ou à la fin).</translation>
    </message>
    <message>
        <source>a part of the domain starts or ends with a hyphen.</source>
        <translation>une partie du domaine commence ou finit par un tiret.</translation>
    </message>
    <message>
        <source>the domain contains the character &quot;%1&quot;.</source>
        <translation>le domaine contient le caractère « %1 ».</translation>
    </message>
    <message>
        <source>the domain must end with a name of at least two letters, such as .fr.</source>
        <translation>le domaine doit finir par un nom d’au moins deux lettres, comme .fr.</translation>
    </message>
    <message>
        <source>it contains &quot;%1&quot;; only digits, spaces, dots, hyphens and a leading + are allowed.</source>
        <translation>il contient « %1 » ; seuls les chiffres, espaces, points, tirets et un + initial sont permis.</translation>
    </message>
    <message>
        <source>a French number has 10 digits starting with 0 and this one has %1; write other countries&apos; numbers with + and the country code.</source>
        <translation>un numéro français a 10 chiffres commençant par 0 et celui-ci en a %1 ; écrivez les numéros étrangers avec + et l’indicatif du pays.</translation>
    </message>
    <message>
        <source>a French number cannot start with 00.</source>
        <translation>un numéro français ne peut pas commencer par 00.</translation>
    </message>
    <message>
        <source>a country code cannot start with 0.</source>
        <translation>un indicatif de pays ne peut pas commencer par 0.</translation>
    </message>
    <message>
        <source>an international number has 8 to 15 digits with its country code and this one has %1.</source>
        <translation>un numéro international a de 8 à 15 chiffres avec l’indicatif et celui-ci en a %1.</translation>
    </message>
    <message>
        <source>a French number after +33 has 9 digits and no leading 0.</source>
        <translation>un numéro français après +33 a 9 chiffres, sans 0 initial.</translation>
    </message>
    <message>
        <source>The phone number &quot;%1&quot; is not valid: %2</source>
        <translation>Le numéro de téléphone « %1 » n’est pas valide : %2</translation>
    </message>
    <message>
        <source>The end date %1 is before the start date %2.</source>
        <translation>La date de fin %1 est antérieure à la date de début %2.</translation>
    </message>
    <message>
        <source>The start date is missing or not a valid date.</source>
        <translation>La date de début manque ou n’est pas une date valide.</translation>
    </message>
    <message>
        <source>The end date is missing or not a valid date.</source>
        <translation>La date de fin manque ou n’est pas une date valide.</translation>
    </message>
    <message>
        <source>A title code has 1 to 16 characters.</source>
        <translation>Un code de titre a de 1 à 16 caractères.</translation>
    </message>
    <message>
        <source>A title needs a name.</source>
        <translation>Un titre doit avoir un nom.</translation>
    </message>
    <message>
        <source>A title appears on at least one day of the week.</source>
        <translation>Un titre paraît au moins un jour de la semaine.</translation>
    </message>
    <message>
        <source>The cut-off time is written HH:MM.</source>
        <translation>L’heure limite s’écrit HH:MM.</translation>
    </message>
    <message>
        <source>An offer code has 1 to 24 characters.</source>
        <translation>Un code d’offre a de 1 à 24 caractères.</translation>
    </message>
    <message>
        <source>An offer lasts 1 to 120 months.</source>
        <translation>Une offre dure de 1 à 120 mois.</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>Un prix ne peut pas être négatif.</translation>
    </message>
    <message>
        <source>The start date is missing or not a date (YYYY-MM-DD).</source>
        <translation>La date de début manque ou n’est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>Copies must be between 1 and 999.</source>
        <translation>Le nombre d’exemplaires va de 1 à 999.</translation>
    </message>
    <message>
        <source>The cancellation date is missing or not a date (YYYY-MM-DD).</source>
        <translation>La date de résiliation manque ou n’est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>A cancellation needs a reason.</source>
        <translation>Une résiliation demande un motif.</translation>
    </message>
    <message>
        <source>The cancellation date is before the subscription starts (%1).</source>
        <translation>La date de résiliation précède le début de l’abonnement (%1).</translation>
    </message>
    <message>
        <source>The issue date is missing or not a date (YYYY-MM-DD).</source>
        <translation>La date de parution manque ou n’est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>Compensation is 0 to 365 issues.</source>
        <translation>La compensation va de 0 à 365 numéros.</translation>
    </message>
    <message>
        <source>a hold</source>
        <translation>une suspension</translation>
    </message>
    <message>
        <source>a holiday address</source>
        <translation>une adresse de vacances</translation>
    </message>
    <message>
        <source>These dates overlap %1 from %2 to %3 on the same subscription.</source>
        <translation>Ces dates chevauchent %1 du %2 au %3 sur le même abonnement.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Desk name</source>
        <translation>Nom du &amp;poste</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>Adresse du &amp;serveur</translation>
    </message>
    <message>
        <source>https://relais.example.fr (empty: this desk works alone)</source>
        <translation>https://relais.example.fr (vide : ce poste travaille seul)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
</context>
</TS>
