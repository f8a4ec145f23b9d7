<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Relais::Protocol</name>
    <message>
        <source>This field must be an ISO 8601 time.</source>
        <translation>Ce champ doit être une date et heure ISO 8601.</translation>
    </message>
    <message>
        <source>The body is not valid JSON (%1 at offset %2).</source>
        <translation>Le corps de la requête n’est pas du JSON valide (%1 à la position %2).</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>Le corps de la requête doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid (%1: %2).</source>
        <translation>La réponse du serveur n’est pas valide (%1 : %2).</translation>
    </message>
    <message>
        <source>%1 is not a synced table.</source>
        <translation>%1 n’est pas une table synchronisée.</translation>
    </message>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>One of applied, conflict, rejected.</source>
        <translation>L’une des valeurs applied, conflict, rejected.</translation>
    </message>
    <message>
        <source>A value is null, a whole number or text.</source>
        <translation>Une valeur est null, un nombre entier ou du texte.</translation>
    </message>
    <message>
        <source>A rejection carries its reason code.</source>
        <translation>Un refus porte le code de son motif.</translation>
    </message>
    <message>
        <source>The row is not the one the change names.</source>
        <translation>La ligne n’est pas celle que nomme la modification.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>The table %1 has no column %2.</source>
        <translation>La table %1 n’a pas de colonne %2.</translation>
    </message>
    <message>
        <source>This column holds a whole number.</source>
        <translation>Cette colonne contient un nombre entier.</translation>
    </message>
    <message>
        <source>This column holds text.</source>
        <translation>Cette colonne contient du texte.</translation>
    </message>
    <message>
        <source>This field must be a UUID.</source>
        <translation>Ce champ doit être un UUID.</translation>
    </message>
    <message>
        <source>This field must be a whole number.</source>
        <translation>Ce champ doit être un nombre entier.</translation>
    </message>
    <message>
        <source>This field must be a string.</source>
        <translation>Ce champ doit être du texte.</translation>
    </message>
    <message>
        <source>The table %1 has no writable column %2.</source>
        <translation>La table %1 n’a pas de colonne modifiable %2.</translation>
    </message>
    <message>
        <source>This column holds a whole number%1.</source>
        <translation>Cette colonne contient un nombre entier%1.</translation>
    </message>
    <message>
        <source> or null</source>
        <translation> ou null</translation>
    </message>
    <message>
        <source>This column holds text%1.</source>
        <translation>Cette colonne contient du texte%1.</translation>
    </message>
    <message>
        <source>A push carries at most %1 operations.</source>
        <translation>Un envoi contient au plus %1 opérations.</translation>
    </message>
    <message>
        <source>An operation is a JSON object.</source>
        <translation>Une opération est un objet JSON.</translation>
    </message>
    <message>
        <source>The operation belongs to another desk than the request.</source>
        <translation>L’opération appartient à un autre poste que celui de la requête.</translation>
    </message>
    <message>
        <source>An operation is named like subscriber.update.</source>
        <translation>Une opération se nomme comme subscriber.update.</translation>
    </message>
    <message>
        <source>At most 200 characters.</source>
        <translation>200 caractères au plus.</translation>
    </message>
    <message>
        <source>A time is written in ISO 8601 (2026-03-01T09:30:00.000Z).</source>
        <translation>Une date et heure s’écrit en ISO 8601 (2026-03-01T09:30:00.000Z).</translation>
    </message>
    <message>
        <source>An operation changes at least one column.</source>
        <translation>Une opération modifie au moins une colonne.</translation>
    </message>
    <message>
        <source>An update gives the value each changed column replaced.</source>
        <translation>Une mise à jour donne la valeur que chaque colonne modifiée remplace.</translation>
    </message>
    <message>
        <source>Operations of one push follow each other (expected %1).</source>
        <translation>Les opérations d’un même envoi se suivent (attendu : %1).</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::AnswerReader</name>
    <message>
        <source>This field must not be empty.</source>
        <translation>Ce champ ne doit pas être vide.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::ChecksumsAnswer</name>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>64 lower-case hexadecimal digits.</source>
        <translation>64 chiffres hexadécimaux en minuscules.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::DeskReport</name>
    <message>
        <source>A desk with changes queued says when the oldest was made.</source>
        <translation>Un poste qui a des modifications en attente indique quand la plus ancienne a été faite.</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>La saisie n’est pas valide.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::DesksAnswer</name>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid (%1: %2).</source>
        <translation>La réponse du serveur n’est pas valide (%1 : %2).</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::LeaseAnswer</name>
    <message>
        <source>A block ends at or after its first number.</source>
        <translation>Un bloc se termine à son premier numéro ou après.</translation>
    </message>
    <message>
        <source>A block holds at most %1 numbers.</source>
        <translation>Un bloc contient au plus %1 numéros.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::LoginAnswer</name>
    <message>
        <source>One of clerk, supervisor, admin.</source>
        <translation>L’un des rôles clerk, supervisor, admin.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::ObjectReader</name>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>This field must be a string.</source>
        <translation>Ce champ doit être du texte.</translation>
    </message>
    <message>
        <source>This field must be a UUID.</source>
        <translation>Ce champ doit être un UUID.</translation>
    </message>
    <message>
        <source>This field must be a whole number.</source>
        <translation>Ce champ doit être un nombre entier.</translation>
    </message>
    <message>
        <source>This field must be between %1 and %2.</source>
        <translation>Ce champ doit être compris entre %1 et %2.</translation>
    </message>
    <message>
        <source>This field must be true or false.</source>
        <translation>Ce champ doit valoir true ou false.</translation>
    </message>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>This field must be an array.</source>
        <translation>Ce champ doit être un tableau.</translation>
    </message>
    <message>
        <source>This field is not part of the request.</source>
        <translation>Ce champ ne fait pas partie de la requête.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::PullAnswer</name>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>Changes come in increasing sequence order.</source>
        <translation>Les modifications arrivent dans l’ordre croissant de séquence.</translation>
    </message>
    <message>
        <source>A change is numbered past the answer&apos;s next cursor.</source>
        <translation>Une modification porte un numéro au-delà du curseur suivant de la réponse.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::PushAnswer</name>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
</context>
<context>
    <name>Relais::Protocol::SnapshotPage</name>
    <message>
        <source>This field must be an object.</source>
        <translation>Ce champ doit être un objet.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
</context>
<context>
    <name>Relais::Server</name>
    <message>
        <source>At most %1 rows per request.</source>
        <translation>Au plus %1 lignes par requête.</translation>
    </message>
    <message>
        <source>Each row is an object.</source>
        <translation>Chaque ligne est un objet.</translation>
    </message>
    <message>
        <source>Not a table rows can be imported into.</source>
        <translation>Cette table ne peut pas recevoir de lignes importées.</translation>
    </message>
    <message>
        <source>Each row needs its id, a UUID.</source>
        <translation>Chaque ligne doit avoir son id, un UUID.</translation>
    </message>
    <message>
        <source>%1: %2 (expected sqlite:FILE or postgresql://USER@HOST:PORT/DB)</source>
        <translation>%1 : %2 (attendu : sqlite:FICHIER ou postgresql://UTILISATEUR@HÔTE:PORT/BASE)</translation>
    </message>
</context>
<context>
    <name>Relais::Server::Api</name>
    <message>
        <source>Malformed request</source>
        <translation>Requête mal formée</translation>
    </message>
    <message>
        <source>Desk of another publisher</source>
        <translation>Poste d’un autre éditeur</translation>
    </message>
    <message>
        <source>Push refused</source>
        <translation>Envoi refusé</translation>
    </message>
    <message>
        <source>The server&apos;s disk is full</source>
        <translation>Le disque du serveur est plein</translation>
    </message>
</context>
<context>
    <name>Relais::Server::ApiServer</name>
    <message>
        <source>Too long.</source>
        <translation>Trop long.</translation>
    </message>
    <message>
        <source>Too many failed logins</source>
        <translation>Trop de connexions échouées</translation>
    </message>
    <message>
        <source>Try again later.</source>
        <translation>Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Too many logins at once</source>
        <translation>Trop de connexions simultanées</translation>
    </message>
    <message>
        <source>Try again in a moment.</source>
        <translation>Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>Identifiant ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>A user name has 1 to 64 characters, no spaces or colons.</source>
        <translation>Un identifiant a de 1 à 64 caractères, sans espace ni deux-points.</translation>
    </message>
    <message>
        <source>One of clerk, supervisor, admin.</source>
        <translation>L’un des rôles clerk, supervisor, admin.</translation>
    </message>
    <message>
        <source>User name not available</source>
        <translation>Identifiant indisponible</translation>
    </message>
    <message>
        <source>This user name cannot be used; choose another.</source>
        <translation>Cet identifiant ne peut pas être utilisé ; choisissez-en un autre.</translation>
    </message>
    <message>
        <source>You cannot disable yourself</source>
        <translation>Vous ne pouvez pas vous désactiver vous-même</translation>
    </message>
    <message>
        <source>Another admin, or relais-server user disable, can.</source>
        <translation>Un autre administrateur le peut, ou relais-server user disable.</translation>
    </message>
    <message>
        <source>No such user</source>
        <translation>Utilisateur inconnu</translation>
    </message>
    <message>
        <source>No such route</source>
        <translation>Route inconnue</translation>
    </message>
    <message>
        <source>Authentication required</source>
        <translation>Authentification requise</translation>
    </message>
    <message>
        <source>Send Authorization: Bearer TOKEN (from POST /api/v1/login).</source>
        <translation>Envoyez Authorization: Bearer JETON (obtenu par POST /api/v1/login).</translation>
    </message>
    <message>
        <source>Malformed credentials</source>
        <translation>Identifiants mal formés</translation>
    </message>
    <message>
        <source>The Authorization header is not a Bearer token.</source>
        <translation>L’en-tête Authorization n’est pas un jeton Bearer.</translation>
    </message>
    <message>
        <source>Invalid or expired token</source>
        <translation>Jeton invalide ou expiré</translation>
    </message>
    <message>
        <source>Log in again.</source>
        <translation>Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Method not allowed</source>
        <translation>Méthode non autorisée</translation>
    </message>
    <message>
        <source>Request body too large</source>
        <translation>Corps de requête trop volumineux</translation>
    </message>
    <message>
        <source>At most %1 bytes.</source>
        <translation>%1 octets au plus.</translation>
    </message>
    <message>
        <source>Malformed request</source>
        <translation>Requête mal formée</translation>
    </message>
    <message>
        <source>The body nests objects and arrays more than %1 deep.</source>
        <translation>Le corps imbrique des objets et des tableaux sur plus de %1 niveaux.</translation>
    </message>
    <message>
        <source>Not allowed for your role</source>
        <translation>Non autorisé pour votre rôle</translation>
    </message>
    <message>
        <source>This route needs the %1 role.</source>
        <translation>Cette route demande le rôle %1.</translation>
    </message>
    <message>
        <source>The database is not available</source>
        <translation>La base de données n’est pas disponible</translation>
    </message>
    <message>
        <source>Unknown publisher.</source>
        <translation>Éditeur inconnu.</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>Import refusé</translation>
    </message>
    <message>
        <source>Rows refused</source>
        <translation>Lignes refusées</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) break a rule; nothing was written.</source>
        <translation>
            <numerusform>%n ligne enfreint une règle ; rien n’a été écrit.</numerusform>
            <numerusform>%n lignes enfreignent une règle ; rien n’a été écrit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not an exported table.</source>
        <translation>Cette table n’est pas exportée.</translation>
    </message>
    <message>
        <source>Nothing to import.</source>
        <translation>Rien à importer.</translation>
    </message>
    <message>
        <source>This route takes no body (or {}).</source>
        <translation>Cette route ne prend pas de corps (ou {}).</translation>
    </message>
    <message>
        <source>Backups are not configured</source>
        <translation>Les sauvegardes ne sont pas configurées</translation>
    </message>
    <message>
        <source>Start relais-server serve with --backup-dir DIR.</source>
        <translation>Démarrez relais-server serve avec --backup-dir DOSSIER.</translation>
    </message>
    <message>
        <source>No such verified backup</source>
        <translation>Aucune sauvegarde vérifiée de ce nom</translation>
    </message>
    <message>
        <source>GET admin/backups lists them.</source>
        <translation>GET admin/backups en donne la liste.</translation>
    </message>
    <message>
        <source>Restore refused</source>
        <translation>Restauration refusée</translation>
    </message>
    <message>
        <source>Only a supervisor may apply an operation over a conflict.</source>
        <translation>Seul un superviseur peut appliquer une opération par-dessus un conflit.</translation>
    </message>
    <message>
        <source>This field must be a UUID.</source>
        <translation>Ce champ doit être un UUID.</translation>
    </message>
    <message>
        <source>Not a synced table.</source>
        <translation>Cette table n’est pas synchronisée.</translation>
    </message>
    <message>
        <source>WebSocket upgrade required</source>
        <translation>Passage en WebSocket requis</translation>
    </message>
    <message>
        <source>Open this route as a WebSocket (Upgrade: websocket).</source>
        <translation>Ouvrez cette route en WebSocket (Upgrade: websocket).</translation>
    </message>
</context>
<context>
    <name>Relais::Server::Auth</name>
    <message>
        <source>A password has at least %1 characters.</source>
        <translation>Un mot de passe a au moins %1 caractères.</translation>
    </message>
    <message>
        <source>A password has at most %1 characters.</source>
        <translation>Un mot de passe a au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Hashing the password failed (out of memory).</source>
        <translation>Le calcul de l’empreinte du mot de passe a échoué (mémoire insuffisante).</translation>
    </message>
</context>
<context>
    <name>Relais::Server::PgServerStore</name>
    <message>
        <source>the URL needs a user, a host and a database</source>
        <translation>l’URL doit donner un utilisateur, un hôte et une base</translation>
    </message>
    <message>
        <source>put the password in PGPASSWORD or ~/.pgpass, not in the URL</source>
        <translation>mettez le mot de passe dans PGPASSWORD ou ~/.pgpass, pas dans l’URL</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Impossible de se connecter à %1 : %2</translation>
    </message>
</context>
<context>
    <name>Relais::Server::Rules</name>
    <message>
        <source>Not a date (YYYY-MM-DD).</source>
        <translation>Ce n’est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>deleted is 0 or 1.</source>
        <translation>deleted vaut 0 ou 1.</translation>
    </message>
    <message>
        <source>Unknown periodicity.</source>
        <translation>Périodicité inconnue.</translation>
    </message>
    <message>
        <source>Unknown channel.</source>
        <translation>Canal inconnu.</translation>
    </message>
    <message>
        <source>A subscriber number is positive.</source>
        <translation>Un numéro d’abonné est positif.</translation>
    </message>
    <message>
        <source>auto_renew is 0 or 1.</source>
        <translation>auto_renew vaut 0 ou 1.</translation>
    </message>
    <message>
        <source>A delivery change is a hold or an address.</source>
        <translation>Un changement de livraison est une suspension ou une adresse de vacances.</translation>
    </message>
    <message>
        <source>Compensation is none or extend.</source>
        <translation>La compensation vaut none ou extend.</translation>
    </message>
    <message>
        <source>Unknown complaint kind.</source>
        <translation>Type de réclamation inconnu.</translation>
    </message>
</context>
<context>
    <name>Relais::Server::ServerStore</name>
    <message>
        <source>unknown kind of database</source>
        <translation>type de base de données inconnu</translation>
    </message>
</context>
<context>
    <name>Relais::Server::SqlServerStore</name>
    <message>
        <source>A publisher with code %1 already exists.</source>
        <translation>Un éditeur de code %1 existe déjà.</translation>
    </message>
    <message>
        <source>A publisher with id %1 already exists.</source>
        <translation>Un éditeur d’id %1 existe déjà.</translation>
    </message>
    <message>
        <source>No publisher has the code %1.</source>
        <translation>Aucun éditeur n’a le code %1.</translation>
    </message>
    <message>
        <source>A user named %1 already exists.</source>
        <translation>Un utilisateur nommé %1 existe déjà.</translation>
    </message>
    <message>
        <source>No user is named %1.</source>
        <translation>Aucun utilisateur ne s’appelle %1.</translation>
    </message>
    <message>
        <source>%1 already exists; a backup never overwrites a file.</source>
        <translation>%1 existe déjà ; une sauvegarde n’écrase jamais un fichier.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Table %1 is missing from the database.</source>
        <translation>La table %1 manque dans la base de données.</translation>
    </message>
    <message>
        <source>the file read back differs from what was written</source>
        <translation>le fichier relu diffère de ce qui a été écrit</translation>
    </message>
    <message>
        <source>A reseed from another desk is in progress for this publisher.</source>
        <translation>Une réalimentation depuis un autre poste est en cours pour cet éditeur.</translation>
    </message>
    <message>
        <source>This publisher already holds %1 rows on the server: a reseed only fills an empty one.</source>
        <translation>Cet éditeur a déjà %1 lignes sur le serveur : une réalimentation ne remplit qu’un éditeur vide.</translation>
    </message>
    <message>
        <source>This desk belongs to another publisher.</source>
        <translation>Ce poste appartient à un autre éditeur.</translation>
    </message>
    <message>
        <source>The server already holds operation %1 of this desk, past the copy&apos;s %2.</source>
        <translation>Le serveur a déjà l’opération %1 de ce poste, au-delà de la dernière de la copie (%2).</translation>
    </message>
    <message>
        <source>Publishers are managed on the server, not by desks.</source>
        <translation>Les éditeurs se gèrent sur le serveur, pas depuis les postes.</translation>
    </message>
    <message>
        <source>A new record needs this field.</source>
        <translation>Une nouvelle fiche doit avoir ce champ.</translation>
    </message>
    <message>
        <source>The record is incomplete.</source>
        <translation>La fiche est incomplète.</translation>
    </message>
    <message>
        <source>Subscriber number %1 lies in a block of numbers leased to another desk.</source>
        <translation>Le numéro d’abonné %1 fait partie d’un bloc de numéros attribué à un autre poste.</translation>
    </message>
    <message>
        <source>Subscriber number %1 lies outside the blocks of numbers leased to this desk.</source>
        <translation>Le numéro d’abonné %1 est en dehors des blocs de numéros attribués à ce poste.</translation>
    </message>
    <message>
        <source>This record does not exist on the server.</source>
        <translation>Cette fiche n’existe pas sur le serveur.</translation>
    </message>
    <message>
        <source>A subscriber is never renumbered.</source>
        <translation>Un abonné ne change jamais de numéro.</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>Cette fiche existe déjà.</translation>
    </message>
    <message>
        <source>This record duplicates another.</source>
        <translation>Cette fiche fait doublon avec une autre.</translation>
    </message>
    <message>
        <source>No global sequence row.</source>
        <translation>Aucune ligne de séquence globale.</translation>
    </message>
    <message>
        <source>Operation %1 appears twice in the push.</source>
        <translation>L’opération %1 figure deux fois dans l’envoi.</translation>
    </message>
    <message>
        <source>Operation %1 was already pushed under another number.</source>
        <translation>L’opération %1 a déjà été envoyée sous un autre numéro.</translation>
    </message>
    <message>
        <source>This operation reached the server in the desk&apos;s copy (reseed).</source>
        <translation>Cette opération est parvenue au serveur dans la copie du poste (réalimentation).</translation>
    </message>
    <message>
        <source>Desk sequence number %1 was already used.</source>
        <translation>Le numéro de séquence %1 du poste a déjà servi.</translation>
    </message>
    <message>
        <source>Desk sequence number %1 was already used for another operation.</source>
        <translation>Le numéro de séquence %1 du poste a déjà servi pour une autre opération.</translation>
    </message>
    <message>
        <source>Desk sequence number %1 follows %2: operations are missing in between.</source>
        <translation>Le numéro de séquence %1 du poste suit %2 : des opérations manquent entre les deux.</translation>
    </message>
    <message>
        <source>An update of %1 rows of %2 changed %3.</source>
        <translation>Une mise à jour de %1 lignes de %2 en a modifié %3.</translation>
    </message>
    <message>
        <source>The %1 this refers to does not exist.</source>
        <translation>L’élément « %1 » auquel renvoie cette fiche n’existe pas.</translation>
    </message>
    <message>
        <source>The code %1 is already taken.</source>
        <translation>Le code %1 est déjà pris.</translation>
    </message>
    <message>
        <source>Subscriber number %1 is already taken.</source>
        <translation>Le numéro d’abonné %1 est déjà pris.</translation>
    </message>
    <message>
        <source>The subscription&apos;s title is not the title of its offer.</source>
        <translation>Le titre de l’abonnement n’est pas celui de son offre.</translation>
    </message>
    <message>
        <source>The backup holds none of the publishers asked for: %1.</source>
        <translation>La sauvegarde ne contient aucun des éditeurs demandés : %1.</translation>
    </message>
    <message>
        <source>Publisher %1 exists here under another identity than in the backup; restore it into a new database (relais-server init) instead.</source>
        <translation>L’éditeur %1 existe ici sous une autre identité que dans la sauvegarde ; restaurez-le plutôt dans une nouvelle base (relais-server init).</translation>
    </message>
    <message>
        <source>The backup has no publisher %1.</source>
        <translation>La sauvegarde ne contient pas d’éditeur %1.</translation>
    </message>
    <message>
        <source>its rows of %1 break the rule %2: more than one row%3 with %4 = %5. Nothing was restored.</source>
        <translation>ses lignes de %1 enfreignent la règle %2 : plus d’une ligne%3 avec %4 = %5. Rien n’a été restauré.</translation>
    </message>
    <message>
        <source>This database&apos;s change sequence does not continue the backup&apos;s; restore into a new database (relais-server init) instead.</source>
        <translation>La séquence des modifications de cette base ne prolonge pas celle de la sauvegarde ; restaurez plutôt dans une nouvelle base (relais-server init).</translation>
    </message>
    <message>
        <source>This database already holds a Relais server schema; init refuses to overwrite it.</source>
        <translation>Cette base contient déjà un schéma de serveur Relais ; init refuse de l’écraser.</translation>
    </message>
    <message>
        <source>This database has server schema %1; this relais-server knows up to %2. Run a newer relais-server.</source>
        <translation>Cette base a le schéma de serveur %1 ; ce relais-server connaît les schémas jusqu’au %2. Lancez un relais-server plus récent.</translation>
    </message>
    <message>
        <source>The database has no Relais schema: run relais-server init first.</source>
        <translation>La base n’a pas de schéma Relais : lancez d’abord relais-server init.</translation>
    </message>
    <message>
        <source>No global sequence.</source>
        <translation>Pas de séquence globale.</translation>
    </message>
    <message>
        <source>%1 is not a synced table.</source>
        <translation>%1 n’est pas une table synchronisée.</translation>
    </message>
    <message>
        <source>The rows of %1 cannot be read in byte order of their ids.</source>
        <translation>Les lignes de %1 ne peuvent pas être lues dans l’ordre des octets de leurs id.</translation>
    </message>
    <message>
        <source>Unknown publisher.</source>
        <translation>Éditeur inconnu.</translation>
    </message>
    <message>
        <source>%1 is not the backup written there on %2: its SHA-256 is %3, the one recorded then is %4. Nothing was changed.</source>
        <translation>%1 n’est pas la sauvegarde écrite à cet endroit le %2 : son SHA-256 est %3, celui enregistré alors est %4. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Cannot make a scratch folder to verify %1: %2</source>
        <translation>Impossible de créer un dossier de travail pour vérifier %1 : %2</translation>
    </message>
    <message>
        <source>table %1 holds %2 rows in the file, %3 once restored</source>
        <translation>la table %1 a %2 lignes dans le fichier, %3 une fois restaurée</translation>
    </message>
    <message>
        <source>the file changed while it was read</source>
        <translation>le fichier a changé pendant sa lecture</translation>
    </message>
</context>
<context>
    <name>Relais::Server::SqliteServerStore</name>
    <message>
        <source>no file named</source>
        <translation>aucun nom de fichier</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d’ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>Cannot set %1 on %2: %3</source>
        <translation>Impossible de régler %1 sur %2 : %3</translation>
    </message>
</context>
<context>
    <name>Relais::Server::backupfile</name>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, ligne %2 : %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>Relais::Server::backupfile::BackupReader</name>
    <message>
        <source>cannot read it: %1</source>
        <translation>illisible : %1</translation>
    </message>
    <message>
        <source>this is not a Relais server backup</source>
        <translation>ce n’est pas une sauvegarde de serveur Relais</translation>
    </message>
    <message>
        <source>written by a newer relais-server (format %1)</source>
        <translation>écrite par un relais-server plus récent (format %1)</translation>
    </message>
    <message>
        <source>the file ends early (truncated)</source>
        <translation>le fichier s’arrête trop tôt (tronqué)</translation>
    </message>
    <message>
        <source>a row before any table</source>
        <translation>une ligne avant toute table</translation>
    </message>
    <message>
        <source>a damaged row of table %1</source>
        <translation>une ligne endommagée dans la table %1</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>pas du JSON</translation>
    </message>
    <message>
        <source>a damaged table header</source>
        <translation>un en-tête de table endommagé</translation>
    </message>
    <message>
        <source>the list of tables does not match the file</source>
        <translation>la liste des tables ne correspond pas au fichier</translation>
    </message>
    <message>
        <source>table %1 does not match its checksum</source>
        <translation>la table %1 ne correspond pas à sa somme de contrôle</translation>
    </message>
    <message>
        <source>there is more after the end</source>
        <translation>il reste des données après la fin</translation>
    </message>
    <message>
        <source>a line longer than any row can be</source>
        <translation>une ligne plus longue que ne peut l’être aucune ligne de table</translation>
    </message>
    <message>
        <source>a damaged compressed block near byte %1 (%2)</source>
        <translation>un bloc compressé abîmé vers l’octet %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Relais::Server::http</name>
    <message>
        <source>Nothing was changed. The operator must free space on the server; desks keep their changes queued and send them again.</source>
        <translation>Rien n’a été modifié. L’exploitant doit libérer de la place sur le serveur ; les postes gardent leurs modifications en attente et les renverront.</translation>
    </message>
    <message>
        <source>The server could not complete the request</source>
        <translation>Le serveur n’a pas pu traiter la requête</translation>
    </message>
    <message>
        <source>The database refused the operation; nothing was changed.</source>
        <translation>La base de données a refusé l’opération ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Invalid request</source>
        <translation>Requête invalide</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Requête refusée</translation>
    </message>
</context>
<context>
    <name>Relais::Server::http::QueryReader</name>
    <message>
        <source>This parameter is given twice.</source>
        <translation>Ce paramètre est donné deux fois.</translation>
    </message>
    <message>
        <source>This parameter is a whole number from %1 to %2.</source>
        <translation>Ce paramètre est un nombre entier de %1 à %2.</translation>
    </message>
    <message>
        <source>Unknown parameter.</source>
        <translation>Paramètre inconnu.</translation>
    </message>
</context>
</TS>
