"""SQLite storage: schema migrations, the transaction wrapper and one repository per aggregate."""
