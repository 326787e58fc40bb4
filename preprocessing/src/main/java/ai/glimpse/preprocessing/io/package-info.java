/** File helpers shared by every stage: atomic writes that never leave a half-written file. */
package ai.glimpse.preprocessing.io;
