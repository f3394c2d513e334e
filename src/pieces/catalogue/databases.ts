import type { AuthProp, Piece } from "../types";
import { hostProp, portProp, secretProp, textProp } from "./shared";

function sqlServerProps(defaultPort: number, defaultUser: string): Record<string, AuthProp> {
  return {
    host: hostProp("db.example.com"),
    port: portProp(defaultPort),
    database: textProp("Database", "Name of the database to connect to."),
    user: textProp("User", "Database role or user name.", { defaultValue: defaultUser }),
    password: secretProp("Password", "Password of that user."),
    ssl: {
      displayName: "Use SSL",
      type: "checkbox",
      required: false,
      defaultValue: false,
      description: "Encrypt the connection. Most hosted databases require it.",
    },
  };
}

export const databasePieces: Piece[] = [
  {
    name: "postgres",
    displayName: "PostgreSQL",
    description: "Run queries against a PostgreSQL database.",
    category: "Databases",
    icon: { slug: "postgresql", letter: "P", color: "#4169E1" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Database server",
        description: "Connection details of the PostgreSQL server. Use a role with only the privileges your flows need.",
        props: sqlServerProps(5432, "postgres"),
      },
    ],
  },
  {
    name: "mysql",
    displayName: "MySQL",
    description: "Run queries against a MySQL or MariaDB database.",
    category: "Databases",
    icon: { slug: "mysql", letter: "M", color: "#4479A1" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Database server",
        description: "Connection details of the MySQL or MariaDB server.",
        props: sqlServerProps(3306, "root"),
      },
    ],
  },
  {
    name: "mongodb",
    displayName: "MongoDB",
    description: "Find, insert and update documents in MongoDB.",
    category: "Databases",
    icon: { slug: "mongodb", letter: "M", color: "#47A248" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Connection string",
        description: "In MongoDB Atlas open Database → Connect → Drivers to copy the connection string.",
        props: {
          connectionString: secretProp("Connection string", "Includes the user and password, e.g. mongodb+srv://user:password@cluster0.example.mongodb.net/"),
          database: textProp("Database", "Default database for steps that do not name one.", { required: false }),
        },
      },
    ],
  },
];
