// The API database's enum types, written by drizzle:api:pull and read by pg:flow:push.
import { pgEnum } from "drizzle-orm/pg-core";

// The API database has no enum types.
